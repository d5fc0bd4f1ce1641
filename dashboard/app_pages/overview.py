"""Overview: what the dashboard covers and the key figures, each with its status and quote."""

import streamlit as st

from components.cards import key_figure_grid
from components.data import derived, facts_or_stop
from components.navigation import analysis_pages
from components.share import page_permalink, share_and_download
from components.view_state import read_view, show_notices, write_view
from core.formatting import escape_markdown
from core.i18n import _
from core.overview import (
    analysis_counts,
    central_asia_money,
    official_counts,
    principle_lists,
    recorded_meetings,
    recorded_meetings_words,
)
from core.pages import OVERVIEW

facts = facts_or_stop()
# This page has no filters; reading the URL still names anything a link asked for that it ignored.
_state, notices = read_view(lambda reader: None, facts.version)
write_view({})

st.title(_("Japan and Central Asia"))
show_notices(notices)
st.markdown(
    _(
        "Japan's aid, investment and dialogue with Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and "
        "Uzbekistan, as an August 2020 analysis and the official record (Japan's Ministry of Foreign Affairs, "
        "JICA, embassies) state them. Every figure below carries its sources' own words and where they stand, "
        "so it can be checked and cited. Money is kept apart by how firm it is (**realised**, **committed**, "
        "**agreed**, **pledged**…) and by currency: figures of different statuses or currencies are never "
        "added together. Where the sources say nothing, the dashboard says **not stated**, never zero."
    )
)
share_and_download(
    page=OVERVIEW,
    link=page_permalink(OVERVIEW, {}, facts.version),
    rows=lambda: derived(facts, OVERVIEW.rows.data),
    facts=facts,
)
with st.container(horizontal=True, gap="medium"):  # wraps where the titles do not fit on one line
    for page in analysis_pages():
        st.page_link(page)

st.header(_("Japan's money in Central Asia"))
st.caption(_("Amounts in the currency each source gives, never converted; a region's figure is not divided among "
             "its states."))  # fmt: skip
key_figure_grid(derived(facts, central_asia_money))

st.header(_("The dialogue in numbers: the official record"))
key_figure_grid(derived(facts, official_counts))
st.caption(recorded_meetings_words(derived(facts, recorded_meetings)))

st.header(_("Counts in the August 2020 analysis"))
key_figure_grid(derived(facts, analysis_counts))

st.header(_("Stated principles"))
for column, (title, items) in zip(st.columns(2), derived(facts, principle_lists), strict=False):
    with column:
        st.subheader(escape_markdown(title))
        for item in items.itertuples(index=False):
            st.markdown(f"{item.position}\\. {escape_markdown(item.item)}")
        st.caption(_("{locator} of the source").format(locator=items["locator"].iloc[0]))

st.caption(
    _("Data version {version} · see Sources for the full references and the data dictionary.").format(
        version=facts.version
    )
)
