"""A chart's text alternative is read from the figure: it names the marks in the chart's order,
counts those past the first few, and changes when the data does."""

from __future__ import annotations

import dataclasses

import plotly.graph_objects as go

from core import aid, chart_text, timeline
from core.facts import Facts
from core.i18n import use_language


def test_horizontal_bars_are_named_top_first_with_their_series() -> None:
    figure = go.Figure(
        [
            go.Bar(
                name="Realised", orientation="h", y=["A<br><sup>aid</sup>", "B"], x=[2, 1], text=["US$2 bn", "US$1 bn"]
            ),
            go.Bar(name="Agreed", orientation="h", y=["C"], x=[3], text=["US$3 bn"]),
        ],
        layout={"yaxis": {"categoryarray": ["B", "A<br><sup>aid</sup>", "C"]}},
    )
    text = chart_text.describe(figure, "Money", limit=2)
    assert (
        text.replace("\\", "")
        == "Money: C US$3 bn (Agreed); A aid US$2 bn (Realised); and 1 more (the table lists them)."
    )


def test_the_aid_summary_follows_the_filters(bundled_facts: Facts) -> None:
    data = aid.data.aid_data(bundled_facts)
    default = aid.params.PARAMS.defaults(aid.params.aid_options(bundled_facts))
    everything = chart_text.describe(aid.view.aid_view(data, default).bars, "Money")
    assert "Kazakhstan" in everything and "US$5.5 bn" in everything.replace("\\", "")
    alone = dataclasses.replace(default, recipients=("KAZ",))
    one = chart_text.describe(aid.view.aid_view(data, alone).bars, "Money")
    assert "Kazakhstan" in one and "Turkmenistan" not in one


def test_the_timeline_summary_gives_full_titles_per_category(bundled_facts: Facts) -> None:
    view = timeline.data.event_view(bundled_facts)
    filters = dataclasses.replace(
        timeline.params.PARAMS.defaults(timeline.params.timeline_options(bundled_facts)), text="Andijan"
    )
    text = chart_text.describe(timeline.figures.chart(view, filters), "Events").replace("\\", "")
    assert text == "Events: Security incidents and operations: 1 event, 2005: Andijan events."


def test_a_summary_ending_in_an_abbreviation_ends_with_one_full_stop() -> None:
    # The Russian per-year summary ended "в 1993 г..": the year's own "г." and the sentence's stop.
    figure = go.Figure([go.Bar(name="Помощь", x=[1993, 1994], y=[1.3, 0.5])])
    with use_language("ru"):
        text = chart_text.describe(figure, "График").replace("\\", "")
    assert text.endswith("в 1993 г.") and not text.endswith(".."), text
    assert chart_text.describe(figure, "Chart").replace("\\", "").endswith("in 1993.")
