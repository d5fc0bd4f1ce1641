"""Sources: full references, the data dictionary drawn from the metadata, and how to cite."""

import streamlit as st

from components.cards import identifier, reference_words
from components.citing import cite_view
from components.data import derived, facts_or_stop
from components.share import page_permalink, share_and_download
from components.view_state import read_view, show_notices, write_view
from core import api, i18n
from core.formatting import escape_markdown
from core.i18n import _, ngettext
from core.pages import SOURCES
from core.reference import data_dictionary, dictionary_headings, full_reference, source_facts_line, sources_by_publisher

facts = facts_or_stop()
# This page has no filters; reading the URL still names anything a link asked for that it ignored.
_state, notices = read_view(lambda reader: None, facts.version)
write_view({})


st.title(_(SOURCES.title))
show_notices(notices)
share_and_download(
    page=SOURCES,
    link=(link := page_permalink(SOURCES, {}, facts.version)),
    rows=lambda: derived(facts, SOURCES.rows.data),
    facts=facts,
)
for publisher, entries in sources_by_publisher(facts.sources, facts.evidence):
    # The publisher's name as the data gives it, in English: marked so for screen readers.
    heading = reference_words(publisher, "en") if publisher else escape_markdown(_("Publisher not stated"))
    st.markdown(f"### {heading}", unsafe_allow_html=True)
    for entry in entries:
        source = entry.source
        with st.container(border=True):
            st.markdown(
                f"**{identifier(source['source_id'])}** · {full_reference(source, reference_words)}",
                unsafe_allow_html=True,
            )
            st.caption(source_facts_line(source, entry.facts, reference_words), unsafe_allow_html=True)
            if isinstance(source.get("note"), str):
                st.caption(escape_markdown(source["note"]))

st.header(_("How to cite"))
st.markdown(_("Cite the figure's source (above, with where in it each fact stands) and the dashboard with its data "
              "version. For one view, use **Cite this view** on its page: the citation then carries that view's "
              "link."))  # fmt: skip
cite_view(facts, page=SOURCES, link=link, key="sources_page_cite")

st.header(_("Data dictionary"))
st.markdown(
    _(
        "The data is a Frictionless Data Package in the folder {folder}: "
        "CSV tables described by `datapackage.yaml`. An empty cell means the source does not state the value."
    ).format(folder=identifier(facts.data_dir.name)),
    unsafe_allow_html=True,
)
st.markdown(_("The same package at a URL, for `frictionless validate`, `pandas` or `R` (each table at the path the "
              "descriptor names beside it; every page's view too: `/api/v1/`):"))  # fmt: skip
st.code(api.site_of(link, SOURCES).package, language=None, wrap_lines=True)
headings = dictionary_headings()
for spec in facts.package.resources:
    rows = len(facts.tables[spec.name])
    label = ngettext("{title} — {path}, {n} row", "{title} — {path}, {n} rows", rows).format(
        title=escape_markdown(spec.title), path=spec.path, n=i18n.number(rows)
    )
    with st.expander(label):
        st.markdown(escape_markdown(spec.description))
        st.dataframe(data_dictionary(spec).rename(columns=headings), hide_index=True, width="stretch")
