"""Dialogue timeline: the Central Asia plus Japan dialogue since 2004 in its context since 1951."""

import dataclasses

import streamlit as st

from components.cards import evidence_list
from components.charts import chart_source, show_chart
from components.data import derived, facts_or_stop, for_filters
from components.filters import sidebar_filters
from components.narrow import focus_heading, labels_off_when_narrow
from components.selection import follow_clicks
from components.share import page_permalink, share_and_download
from components.tables import show_table
from components.view_state import open_view, show_notices, view_fragment, write_view
from core import i18n, timeline
from core.chart_text import describe
from core.evidence import difference_lines, evidence_of
from core.formatting import escape_markdown
from core.i18n import _, ngettext
from core.pages import TIMELINE
from core.url_state import year_range_value

facts = facts_or_stop()
PARAMS = TIMELINE.params
options = derived(facts, timeline.params.timeline_options)
view = derived(facts, timeline.data.event_view)
ids = derived(facts, timeline.data.event_ids)
_query, notices = open_view(TIMELINE, facts.version, lambda r: timeline.params.read_filters(r, options, ids))
EVENT_LIST = _(PARAMS.param("event").label)
EVENT_KEY = TIMELINE.widget_key("event")
st.title(_(TIMELINE.title))
st.caption(
    _(
        "Every event the sources date, in lanes by category. Select an event in the chart, or choose it in the "
        "“{list}” list, to see its details and the source's words."
    ).format(list=EVENT_LIST)
)
show_notices(notices)


@view_fragment  # a filter change reruns this alone; the navigation and the header above stay as drawn
def filtered_view() -> None:
    filters = sidebar_filters(TIMELINE, options, event="")
    # What the filters keep, shared by sessions per filter state.
    kept = for_filters(facts, timeline.view.kept_events, timeline.data.event_view, filters)

    follow_clicks("tl_chart", EVENT_KEY)
    if st.session_state.get(EVENT_KEY) and not timeline.data.keeps(view, filters, st.session_state[EVENT_KEY]):
        st.session_state[EVENT_KEY] = ""
    selected = st.session_state.get(EVENT_KEY, "")
    filters = dataclasses.replace(filters, event=selected)
    write_view(PARAMS.to_query(filters))
    link = page_permalink(TIMELINE, PARAMS.to_query(filters), facts.version)
    share_and_download(
        page=TIMELINE,
        link=link,
        # Not the filtered copy, which the button would keep for the session: see aid.py.
        rows=lambda: TIMELINE.rows.rows(view, filters, facts),
        name_parts=[year_range_value(filters.years)],
        filters=PARAMS.summary(filters, options),
        facts=facts,
    )
    if not kept.total:  # after Share: an empty result is a view a colleague may need to see too
        st.warning(kept.empty_reason, icon=":material/filter_alt_off:")
        return
    figure = for_filters(facts, timeline.figures.chart, timeline.data.event_view, filters)
    chart_options = dict(page=TIMELINE, name_parts=[year_range_value(filters.years)],
                         source=chart_source(facts, kept.sources, link))  # fmt: skip
    if 0 < kept.dated <= timeline.figures.EVENTS_DRAWN:
        show_chart(figure, key="tl_chart", chart="events", on_select="rerun", selection_mode="points", **chart_options,
                   summary=describe(figure, _("The chart shows the dated events by category")))  # fmt: skip
        labels_off_when_narrow("tl_chart", "tl_narrow_note")  # labels would be cut at the chart's edge
        with st.container(key="tl_narrow_note"):
            st.caption(_("On a screen this narrow the chart leaves out its labels: the “{list}” list and the table "
                         "below name every event.").format(list=EVENT_LIST))  # fmt: skip
    elif kept.dated:
        show_chart(figure, key="tl_counts", chart="counts", **chart_options,
                   summary=describe(figure, _("The chart counts the dated events per year by category")))  # fmt: skip
        too_many = ngettext(
            "{n} dated event is too many to draw one by one: counts per year instead.",
            "{n} dated events are too many to draw one by one: counts per year instead.",
            kept.dated,
        ).format(n=i18n.number(kept.dated))
        narrow = _("Narrow the filters to {n} or fewer to see and click each event.").format(
            n=i18n.number(timeline.figures.EVENTS_DRAWN)
        )
        st.caption(f"{too_many} {narrow}")

    choices = kept.choices
    picked = view[view["event_id"] == selected] if selected else view.head(0)  # no scan of every id for nothing
    if selected and selected not in choices:  # chosen in the chart beyond the list's first events
        choices = {**timeline.data.event_choices(picked, selected).to_dict(), **choices}
    PROMPT = _("Choose an event, or click one in the chart")
    st.selectbox(EVENT_LIST, ["", *choices], key=EVENT_KEY, format_func=lambda e: choices.get(e, PROMPT))
    if selected:
        event = picked.iloc[0]
        with st.container(border=True, key="tl_event_card"):
            st.subheader(escape_markdown(event["title"]))
            st.markdown(f"**{escape_markdown(event['date_text'])}** · {escape_markdown(event['category_label'])} · "
                        f"{escape_markdown(event['country_names'])}")  # fmt: skip
            names = dict(zip(facts.actors["code"], facts.actors["name"], strict=True))
            for line in timeline.view.event_details(event, names):
                st.markdown(escape_markdown(line))
            st.markdown(escape_markdown(event["description"]))
            evidence = evidence_of(facts.evidence, "events", event["event_id"])
            for line in difference_lines(evidence):  # where sources differ, both values stand
                st.markdown(f"**{escape_markdown(line)}**")
            # Every source that states the event, its words as written, marked with their language.
            evidence_list(evidence, facts.sources, "tl_event")

    focus_heading("tl_event_card")  # a card that appears takes the focus: a screen reader reads it

    if kept.undated.total:
        undated = _("Events no source gives a date for ({n}): not placed on the axis")
        with st.expander(undated.format(n=i18n.number(kept.undated.total))):
            show_table(kept.undated)
    heading = ngettext("The {n} event shown, in date order", "The {n} events shown, in date order", kept.total)
    heading = heading.format(n=i18n.number(kept.total))
    # The grid takes no name from the app (docs/accessibility.md): the heading before it says it holds the chart's data.
    st.subheader(_("{heading} (the chart's data)").format(heading=heading) if kept.dated else heading)
    show_table(kept.table)


filtered_view()
