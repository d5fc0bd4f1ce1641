"""Aid and investment: how much did Japan put where, when, in what form, and how firm is each figure?"""

import streamlit as st

from components.charts import chart_source, show_chart
from components.data import derived, facts_or_stop, for_filters
from components.filters import offer_context, sidebar_filters
from components.narrow import labels_off_when_narrow
from components.share import page_permalink, share_and_download
from components.tables import data_table, show_table
from components.view_state import open_view, show_notices, view_fragment, write_view
from core import aid, i18n
from core.chart_text import describe
from core.formatting import currency_unit, escape_markdown
from core.i18n import _, ngettext
from core.pages import AID
from core.url_state import year_range_value

SPANS_DRAWN = 150  # one bar per figure; past this the chart is unreadable and slow to draw
NARROW_NOTE = _("On a screen this narrow the chart leaves out its amounts: the summary above and the table below "
                "give them.")  # fmt: skip

facts = facts_or_stop()
PARAMS = AID.params
options = derived(facts, aid.params.aid_options)
_query, notices = open_view(AID, facts.version, lambda reader: PARAMS.read(reader, options))
st.title(_(AID.title))
st.caption(_("Japan's money by recipient and period, as the sources state it. A total adds only figures of one "
             "status and one kind of flow, for recipients that do not overlap, with periods inside the years chosen; "
             "other figures stand beside it with the reason."))  # fmt: skip
show_notices(notices)


@view_fragment  # a filter change reruns this alone; the navigation and the header above stay as drawn
def filtered_view() -> None:
    filters = sidebar_filters(AID, options)
    write_view(PARAMS.to_query(filters))
    offer_context(AID.widget_key("recipients"), options.context_recipients, filters.recipients)
    data = derived(facts, aid.data.aid_data)
    view = data.view
    aid_columns = {  # by the CSV's column names; components.tables translates them
        "amount": st.column_config.NumberColumn(format="localized"),
        "quote": st.column_config.TextColumn(width="large"),
    }
    # The chart and totals, and the sources behind the charts' marks: shared by sessions per filter state.
    shown = for_filters(facts, aid.view.aid_view, aid.data.aid_data, filters)
    name_parts = [*(filters.recipients if len(filters.recipients) <= 3 else []), year_range_value(filters.years)]
    link = page_permalink(AID, PARAMS.to_query(filters), facts.version)
    sources = for_filters(facts, aid.data.sources_shown, aid.data.aid_data, filters)
    chart_options = dict(page=AID, name_parts=name_parts, source=chart_source(facts, sources, link))
    share_and_download(
        page=AID,
        link=link,
        # NOTE: the button keeps this callable for the session; it must not hold the filtered copy, or
        # every open session pins its own slice of a big table. It refilters the shared view on click.
        rows=lambda: AID.rows.rows(data, filters, facts),
        name_parts=name_parts,
        filters=PARAMS.summary(filters, options),
        facts=facts,
    )
    if not shown.figures:
        st.warning(shown.empty_reason, icon=":material/filter_alt_off:")
        return

    charted = False  # whether a chart is drawn, whose data the figures' table then is
    if filters.per_year:
        flows = aid.data.filter_money(view, filters)
        spread = aid.data.annualise(aid.data.annualisable(flows, filters.years), filters.years)
        if spread.empty:
            st.warning(
                _("None of the figures shown has a stated first and last year, so none can be spread over years.")
            )
        else:
            per_year, charted = aid.figures.per_year_figure(spread, data), True
            show_chart(per_year, key="aid_chart_per_year", chart="per-year", **chart_options,
                       summary=describe(per_year, _("The chart shows {unit} billions a year for each status and kind "
                                                    "of flow, assuming an even spread over each period").format(
                                                        unit=currency_unit(filters.currency))))  # fmt: skip
        if apart := aid.data.not_annualisable_text(flows, filters.years):
            st.caption(_("Not spread over years (no full period inside the years chosen, or kept apart by the rule for "
                         "sums): {figures}").format(figures=escape_markdown(apart)))  # fmt: skip
    elif filters.chart == "time":
        flows = aid.data.filter_money(view, filters)
        dated = flows[flows["year_start"].notna()]
        if not dated.empty:
            drawn = aid.data.largest(dated, SPANS_DRAWN)
            chart, charted = aid.spans.spans_figure(drawn, filters.years), True
            summary = describe(chart, _("The chart shows each dated figure over its stated period, latest first"))
            show_chart(chart, key="aid_chart_time", chart="periods", summary=summary, **chart_options)
            labels_off_when_narrow("aid_chart_time", "aid_time_narrow_note")  # amounts would be cut at the edge
            with st.container(key="aid_time_narrow_note"):
                st.caption(NARROW_NOTE)
            if len(drawn) < len(dated):
                st.caption(_("Drawing the {shown} largest of {total} figures; the table lists them all.").format(
                    shown=i18n.number(len(drawn)), total=i18n.number(len(dated))
                ))  # fmt: skip
        undated = flows[flows["year_start"].isna()]
        if not undated.empty:
            st.markdown(_("**No stated period** (not placed on any year):"))
            data_table(undated, lambda rows: aid.table.table(rows, filters.per_year), aid_columns)
    elif shown.bars is not None:
        charted = True
        show_chart(shown.bars, key="aid_chart_bars", chart="bars", **chart_options,
                   summary=describe(shown.bars, _("The chart shows Japan's money, largest first, each bar one total or "
                                                  "one figure")))  # fmt: skip
        labels_off_when_narrow("aid_chart_bars", "aid_bars_narrow_note")  # amounts would be cut at the edge
        with st.container(key="aid_bars_narrow_note"):
            st.caption(NARROW_NOTE)
        if shown.bars_total > shown.bars_drawn:
            st.caption(_("Drawing the {shown} largest of {total} bars; the table lists them all.").format(
                shown=i18n.number(shown.bars_drawn), total=i18n.number(shown.bars_total)
            ))  # fmt: skip

    st.subheader(_("Totals by status and kind of flow"))
    st.caption(_("A total adds figures of one status and one kind of flow only, never across them; where figures "
                 "cannot be added, 'not added' says which and why. 'Of which vague' counts the figures their sources "
                 "qualify, and makes the total approximate."))  # fmt: skip
    show_table(shown.totals)
    heading = ngettext("The {n} figure shown", "The {n} figures shown", shown.figures).format(
        n=i18n.number(shown.figures)
    )
    # The grid takes no name from the app (docs/accessibility.md): the heading before it says it holds the chart's data.
    st.subheader(_("{heading} (the chart's data)").format(heading=heading) if charted else heading)
    show_table(shown.table, aid_columns)


filtered_view()
