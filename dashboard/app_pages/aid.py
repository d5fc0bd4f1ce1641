"""Aid and investment: how much did Japan put where, when, in what form, and how firm is each figure?"""

import streamlit as st

from components.data import derived, facts_or_stop, for_filters
from components.filters import multiselect, radio, year_range
from components.share import page_permalink, share_and_download
from components.tables import data_table, show_table
from components.view_state import read_view, seed_widgets, show_notices, write_view
from core import aid, aid_figures
from core.formatting import escape_markdown, for_display
from core.url_state import year_range_value

SPANS_DRAWN = 150  # one bar per figure; past this the chart is unreadable and slow to draw

facts = facts_or_stop()
options = derived(facts, aid.aid_options)
linked, notices = read_view(lambda reader: aid.read_filters(reader, options), facts.version)
seed_widgets({f"aid_{name}": value for name, value in vars(linked).items()})

with st.sidebar:
    st.subheader("Filters")
    filters = aid.AidFilters(
        kinds=multiselect("Kind of flow", "aid_kinds", options.kinds),
        statuses=multiselect("Status", "aid_statuses", options.statuses),
        recipients=multiselect("Recipient", "aid_recipients", options.recipients),
        years=year_range("Years", "aid_years", options.years, help="A figure is kept when its period overlaps."),
        undated=st.checkbox("Include figures with no stated period", key="aid_undated"),
        by=radio("Bars by", "aid_by", aid.GROUPINGS),
        chart=radio("Chart", "aid_chart", aid.CHARTS),
        per_year=st.checkbox("Per year (assumes an even spread)", key="aid_per_year"),
        scale=radio("Amount scale", "aid_scale", aid.SCALES),
    )
write_view(filters.to_query())

st.title("Aid and investment")
st.caption("Japan's money by recipient and period, as the source states it. Statuses are never added together.")
show_notices(notices)
view = derived(facts, aid.money_view)
aid_columns = {
    "amount (US$)": st.column_config.NumberColumn(format="localized"),
    "quote": st.column_config.TextColumn(width="large"),
}
shown = for_filters(facts, aid_figures.aid_view, view, filters)  # the chart and totals, shared per filter state
share_and_download(
    page="aid",
    page_title="Aid and investment",
    link=page_permalink("aid", filters.to_query(), facts.version),
    # NOTE: the button keeps this callable for the session; it must not hold the filtered copy, or
    # every open session pins its own slice of a big table. It refilters the shared view on click.
    rows=lambda: for_display(aid.table(aid.filter_money(view, filters), filters.per_year)),
    name_parts=[*(filters.recipients if len(filters.recipients) <= 3 else []), year_range_value(filters.years)],
    filters=filters.summary(options),
    tables=["money", "actors", "statuses", "flow_kinds", "sources"],
    facts=facts,
)
if not shown.figures:
    st.warning(shown.empty_reason, icon=":material/filter_alt_off:")
    st.stop()

if filters.per_year:
    flows = aid.filter_money(view, filters)
    spread = aid.annualise(flows, filters.years)
    if spread.empty:
        st.warning("None of the figures shown has a stated first and last year, so none can be spread over years.")
    else:
        st.plotly_chart(aid_figures.per_year_figure(spread), key="aid_chart_per_year")
    if apart := aid.not_annualisable_text(flows):
        st.caption("Not spread over years, as the source states no full period for them: " + escape_markdown(apart))
elif filters.chart == "time":
    flows = aid.filter_money(view, filters)
    dated = flows[flows["year_start"].notna()]
    if not dated.empty:
        drawn = aid.largest(dated, SPANS_DRAWN)
        st.plotly_chart(aid_figures.timeline_figure(drawn, filters.years), key="aid_chart_time")
        if len(drawn) < len(dated):
            st.caption(f"Drawing the {len(drawn):,} largest of {len(dated):,} figures; the table lists them all.")
    undated = flows[flows["year_start"].isna()]
    if not undated.empty:
        st.markdown("**No stated period** (not placed on any year):")
        data_table(undated, lambda rows: aid.table(rows, filters.per_year), aid_columns)
elif shown.bars is not None:
    st.plotly_chart(shown.bars, key="aid_chart_bars")

st.subheader("Totals by status")
st.caption("Each total adds only figures of one status; 'of which vague' counts figures the source qualifies.")
show_table(shown.totals)
st.subheader(f"The {shown.figures:,} figures shown")
show_table(shown.table, aid_columns)
