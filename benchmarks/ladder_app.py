"""The /aid page built up from the floor in rungs, one rung per server (benchmarks/ladder.py).

LADDER_RUNG names what /aid shows, each rung adding one part of the real page to the one before:
- "shell": the app's frame (app.py: navigation menu, language choice, chart and sidebar styles)
  around the floor app's multiselect and bar;
- "widgets": the aid page's sidebar filters (its eleven widgets) above the floor's bar;
- "figure": the aid page's real bar chart in place of the floor's, drawn with plain
  `st.plotly_chart` (no source line, no text alternative);
- "chart": the chart as the page draws it (`components.charts.show_chart`: the text alternative
  before it, the source line inside it, the PNG's settings), and the narrow-screen note;
- "header": the page's title, introduction and the Share, download and Cite row.
The real page then adds the totals' and figures' tables and their headings (the dashboard itself).
LADDER_WITHOUT (comma-separated) leaves parts of the frame out of a rung: "language" (the switch),
"scripts" (the page-wide scripts of components.narrow), "styles" (the chart and sidebar styles) and
"help" (the filters' help icons), to find what the frame costs.
Every other page of the menu is the dashboard's own.
"""

from __future__ import annotations

import os

import plotly.graph_objects as go
import streamlit as st

from components.charts import CHART_STYLE, chart_source, show_chart
from components.data import derived, facts_or_stop, for_filters
from components.filters import sidebar_filters
from components.language import choose_language
from components.narrow import (
    SIDEBAR_STYLE,
    focus_opened_popovers,
    labels_off_when_narrow,
    name_tables_by_their_headings,
)
from components.navigation import streamlit_page
from components.share import page_permalink, share_and_download
from components.view_state import open_view, view_fragment, write_view
from core import aid
from core.i18n import _
from core.pages import AID, PAGES

RUNGS = ("shell", "widgets", "figure", "chart", "header")
RUNG = os.environ.get("LADDER_RUNG", "shell")
assert RUNG in RUNGS, f"LADDER_RUNG must be one of {RUNGS}, not {RUNG!r}"
# Parts of the app's frame a rung may leave out, to find what the frame costs (benchmarks/ladder.py --without).
FRAME_PARTS = ("language", "scripts", "styles", "help")
WITHOUT = frozenset(filter(None, os.environ.get("LADDER_WITHOUT", "").split(",")))
assert WITHOUT.issubset(FRAME_PARTS), f"LADDER_WITHOUT must name parts of {FRAME_PARTS}, not {sorted(WITHOUT)}"
FLOOR_OPTIONS = {"KAZ": 5.5, "KGZ": 0.0, "TJK": 0.0, "TKM": 18.0, "UZB": 6.5}  # benchmarks/floor_app.py's
if "help" in WITHOUT:  # the filters without their help icons
    import components.filters

    components.filters.translated = lambda _help: None


def floor_body() -> None:
    chosen = st.multiselect("Countries", list(FLOOR_OPTIONS), default=list(FLOOR_OPTIONS), key="floor_countries")
    floor_chart(chosen)


def floor_chart(chosen: list[str]) -> None:
    st.plotly_chart(go.Figure(go.Bar(x=chosen, y=[FLOOR_OPTIONS[c] for c in chosen])), key="floor_chart")


def aid_body() -> None:
    facts = facts_or_stop()
    options = derived(facts, aid.params.aid_options)
    open_view(AID, facts.version, lambda reader: AID.params.read(reader, options))
    if RUNG == "header":
        st.title(_(AID.title))
        st.caption(_("Japan's money by recipient and period, as the sources state it."))

    @view_fragment
    def filtered_view() -> None:
        filters = sidebar_filters(AID, options)
        write_view(AID.params.to_query(filters))
        data = derived(facts, aid.data.aid_data)
        shown = for_filters(facts, aid.view.aid_view, aid.data.aid_data, filters)
        link = page_permalink(AID, AID.params.to_query(filters), facts.version)
        if RUNG == "header":
            share_and_download(page=AID, link=link, rows=lambda: AID.rows.rows(data, filters, facts), facts=facts)
        if RUNG == "widgets":  # the floor's bar, redrawn on every change as the real chart is
            floor_chart(list(FLOOR_OPTIONS)[: 2 + sum(map(ord, filters.by)) % 3])  # a bar per value
            return
        if RUNG == "figure":
            st.plotly_chart(shown.bars, key="aid_chart_bars")
            return
        sources = for_filters(facts, aid.data.sources_shown, aid.data.aid_data, filters)
        source = chart_source(facts, sources, link)
        summary = "The chart shows Japan's money, largest first."
        show_chart(
            shown.bars, key="aid_chart_bars", chart="bars", page=AID, name_parts=[], source=source, summary=summary
        )
        labels_off_when_narrow("aid_chart_bars", "aid_bars_narrow_note")
        with st.container(key="aid_bars_narrow_note"):
            st.caption("On a screen this narrow the chart leaves out its amounts.")

    filtered_view()


if __name__ == "__main__":  # as Streamlit runs it; benchmarks/ladder.py imports only RUNGS
    st.set_page_config(page_icon=":material/public:", layout="wide")
    if "language" not in WITHOUT:
        choose_language()
    rung_page = st.Page(floor_body if RUNG == "shell" else aid_body, title=_(AID.title), icon=AID.icon,
                        url_path=AID.url_path)  # fmt: skip
    menu = [rung_page if p is AID else streamlit_page(p) for p in PAGES]
    page = st.navigation(menu)
    if "scripts" not in WITHOUT:
        name_tables_by_their_headings()
        focus_opened_popovers()
    if "styles" not in WITHOUT:
        st.html(CHART_STYLE + SIDEBAR_STYLE)
    page.run()
