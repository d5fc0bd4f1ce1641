"""Country comparison: the countries side by side on what the source states about each, and where it is silent."""

import streamlit as st

from components.charts import chart_source, show_chart
from components.data import derived, facts_or_stop, for_filters
from components.filters import sidebar_filters
from components.share import page_permalink, share_and_download
from components.view_state import open_view, show_notices, view_fragment, write_view
from core import i18n
from core.chart_text import describe, plain
from core.compare.data import compare_data
from core.compare.figures import PANEL_WIDTH
from core.compare.params import COUNTED_EVENTS, REGION_RULE, empty_reason
from core.compare.table import text_widths
from core.compare.view import compare_view
from core.i18n import _
from core.pages import COMPARE
from core.url_state import year_range_value

facts = facts_or_stop()
PARAMS = COMPARE.params
data = derived(facts, compare_data)
options = data.options
_query, notices = open_view(COMPARE, facts.version, lambda reader: PARAMS.read(reader, options))
st.title(_(COMPARE.title))
st.caption(
    _(
        "What the sources state about each country, side by side. Money is Japan's: a country's figures are added "
        "only within one status and one kind of flow, with periods inside the years chosen. Where no source states "
        "anything, the page says **not stated**, never 0."
    )
)
show_notices(notices)


@view_fragment  # a filter change reruns this alone; the navigation and the header above stay as drawn
def filtered_view() -> None:
    filters = sidebar_filters(COMPARE, options)
    write_view(PARAMS.to_query(filters))
    shown = for_filters(facts, compare_view, compare_data, filters)
    metrics, rows = shown.metrics, shown.rows
    name_parts = [*(filters.countries if len(filters.countries) <= 3 else []), year_range_value(filters.years)]
    link = page_permalink(COMPARE, PARAMS.to_query(filters), facts.version)
    share_and_download(
        page=COMPARE,
        link=link,
        rows=lambda: shown.csv,
        name_parts=name_parts,
        filters={**PARAMS.summary(filters, options), **{_(name): _(note) for name, note in PARAMS.notes}},
        facts=facts,
    )
    reason = empty_reason(filters)
    if reason:
        st.warning(reason, icon=":material/filter_alt_off:")
        return

    if any(m.charted for m in metrics):
        with st.container(horizontal=True, gap="medium"):
            for metric, figure in shown.panels:
                with st.container(width=PANEL_WIDTH):  # the panel's summary above it, in its column
                    summary = describe(figure, plain(figure.layout.title.text))
                    show_chart(figure, key=f"compare_chart_{metric.id}", page=COMPARE, name_parts=name_parts,
                               chart=metric.id, width=PANEL_WIDTH, summary=summary,
                               source=chart_source(facts, shown.sources[metric.id], link))  # fmt: skip
        counts = set(COUNTED_EVENTS) & set(filters.metrics)
        sentences = [
            _("A ◇ **no total** mark means the country's figures cannot be added (different kinds of flow, or a "
              "period not stated or reaching outside the years), so no bar is drawn: the hover and the table list them "
              "side by side and say why.") if shown.no_total else "",
            _("Grey *not stated* is not a zero: the hover and the table say whether the gap is the source's or the "
              "filters' and name what the sources do state."),
            _("Event counts count the events in the data that name the country as its own, so 0 there is a real "
              "zero; events naming its region as a whole are shown apart, and events with no stated date are not "
              "counted.") if counts else "",
            _("Each panel sorted by name.") if filters.sort == "name" else _("Each panel sorted by value."),
        ]  # fmt: skip
        st.caption(" ".join(sentence for sentence in sentences if sentence))
    if shown.stated_nothing:
        st.info(_("The source states no money or company figure for these countries in these years."))

    if shown.regional.total or shown.regional_events_total:
        with st.container(border=True):
            st.markdown(_("**Facts about a region or group as a whole, counted for no single state**"))
            rule = _(REGION_RULE)
            st.caption(f"{rule[0].upper()}{rule[1:]}. " + _("Shown here: {groups}.").format(groups=shown.regions))
            if shown.regional.total:
                st.dataframe(shown.regional.arrow, hide_index=True, width="stretch")
            if shown.regional.total > shown.regional.shown:
                st.caption(
                    _(
                        "Showing the first {shown} of {total} region-wide figures, each metric's largest first. "
                        "The Aid page lists and downloads them all."
                    ).format(shown=i18n.number(shown.regional.shown), total=i18n.number(shown.regional.total))
                )
            if shown.regional_events_listed:
                st.caption(
                    _("Events that name a region or group as a whole, counted for no single state: {events}.").format(
                        events=shown.regional_events_listed
                    )
                )

    # The grid takes no name from the app (docs/accessibility.md): the heading before it says it holds the charts' data.
    heading = _("The comparison table")
    st.subheader(
        _("{heading} (the charts' data)").format(heading=heading) if any(m.charted for m in metrics) else heading
    )
    st.caption(_("The words on screen, money in exact dollars, then the facts behind each row. The CSV has the same "
                 "cells, one row per country and metric, with money and counts as numbers."))  # fmt: skip
    st.dataframe(
        shown.table.arrow,
        hide_index=True,
        width="stretch",
        key="compare_table",
        column_config={
            _("quote"): st.column_config.TextColumn(width="large"),
            **{label: st.column_config.TextColumn(width=width) for label, width in text_widths(rows, metrics).items()},
        },
    )


filtered_view()
