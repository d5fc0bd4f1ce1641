"""Colours belong to what they show: an event category and a money status look the same in every
filter state, whichever others a filter leaves on screen. Read from the figures' specs."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
import pytest

from core import aid, timeline
from core.chart_text import plain
from core.compare import data as compare_data
from core.compare import view as compare_view
from core.compare.params import PARAMS as COMPARE_PARAMS
from core.facts import Facts
from core.formatting import plotly_escaped
from core.style import category_colour, status_style

Looks = dict[str, set[tuple[str, ...]]]  # what a category or status is drawn in, over figures


def _trace_colour(trace) -> str:
    """A trace's colour: a bar's or point's marker, a span's line."""
    if trace.type == "scatter" and "markers" not in (trace.mode or ""):
        return trace.line.color
    return trace.marker.color


def _one_look_each(looks: Looks) -> None:
    mixed = {key: sorted(seen) for key, seen in looks.items() if len(seen) != 1}
    assert not mixed, f"drawn in more than one look across filter states: {mixed}"


# --- Event categories: the timeline -----------------------------------------------------------


@pytest.fixture(scope="module")
def view(bundled_facts: Facts) -> pd.DataFrame:
    return timeline.data.event_view(bundled_facts)


@pytest.fixture(scope="module")
def categories(bundled_facts: Facts) -> list[str]:
    return [str(c) for c in bundled_facts.categories["category"]]


@pytest.fixture(scope="module")
def timeline_states(bundled_facts: Facts, categories: list[str]) -> dict[str, timeline.params.TimelineFilters]:
    """Filter states that leave different sets of categories on screen."""
    default = timeline.params.PARAMS.defaults(timeline.params.timeline_options(bundled_facts))
    states = {
        "all": default,
        "country KGZ": dataclasses.replace(default, countries=("KGZ",), region=False),
        "country KGZ and the region": dataclasses.replace(default, countries=("KGZ",), region=True),
        "years 2004-2012": dataclasses.replace(default, years=(2004, 2012)),
        "years 1990-2000": dataclasses.replace(default, years=(1990, 2000)),
        "text roadmap": dataclasses.replace(default, text="roadmap"),
        "text Andijan": dataclasses.replace(default, text="Andijan"),
        "security and statements": dataclasses.replace(default, categories=("security", "statement")),
        "last two categories": dataclasses.replace(default, categories=tuple(categories[-2:])),
        "an event selected": dataclasses.replace(default, event="E13"),
    }
    states.update({f"{c} alone": dataclasses.replace(default, categories=(c,)) for c in categories})
    return states


def _category_looks(figure: go.Figure, facts: Facts) -> Iterable[tuple[str, str]]:
    """(category, colour) per trace: timeline traces name their category in legendgroup, the
    counts' bars by its (escaped) label."""
    labels = facts.categories.set_index("category")["label"]
    by_label = {plotly_escaped(label): str(category) for category, label in labels.items()}
    for trace in figure.data:
        category = trace.legendgroup if trace.type == "scatter" else by_label[trace.name]
        yield category, _trace_colour(trace)


@pytest.mark.parametrize("drawn", ["points", "counts"])
def test_a_category_has_one_colour_in_every_filter_state(
    drawn, view, categories, timeline_states, bundled_facts, monkeypatch
) -> None:
    if drawn == "counts":
        monkeypatch.setattr(timeline.figures, "EVENTS_DRAWN", 0)  # every view becomes counts per year
    looks: Looks = defaultdict(set)
    drawn_states = 0
    for name, filters in timeline_states.items():
        figure = timeline.figures.chart(view, filters)
        if figure is None:
            continue  # no dated event left
        drawn_states += 1
        assert all(t.type == ("bar" if drawn == "counts" else "scatter") for t in figure.data), name
        for category, colour in _category_looks(figure, bundled_facts):
            looks[category].add((colour,))
    assert drawn_states >= len(categories) + 5  # the states above do draw something
    assert set(looks) == set(categories)  # every category was drawn, alone and with others
    _one_look_each(looks)
    # The colour is the category's own, by its place in the data's list: as the unfiltered view always drew it.
    colours = {category: next(iter(seen))[0] for category, seen in looks.items()}
    assert colours == {category: category_colour(number) for number, category in enumerate(categories)}
    assert len(set(colours.values())) == len(categories)  # and no two categories share one


def test_points_and_counts_give_a_category_the_same_colour(view, timeline_states, bundled_facts) -> None:
    for name, filters in timeline_states.items():
        dated = timeline.data.filter_events(view, filters).dropna(subset=["year_start"])
        if dated.empty:
            continue
        points = timeline.figures.timeline_figure(
            dated, timeline.figures.assign_lanes(dated, filters.years), filters.years
        )
        counts = timeline.figures.counts_figure(dated)
        assert dict(_category_looks(points, bundled_facts)) == dict(_category_looks(counts, bundled_facts)), name


# --- Money statuses: the aid page and the comparison ------------------------------------------


def _status_look(marker) -> tuple[str, str]:
    """A status's colour and pattern. On the over-time chart a bar's fill and pattern are set per
    bar (an open period is white, outlined and hatched in the status's colour): there the status's
    colour is the outline's, and its pattern the filled bars' (an open solid status is hatched "-")."""
    if isinstance(marker.color, str):
        return marker.color, marker.pattern.shape
    shapes = {shape for colour, shape in zip(marker.color, marker.pattern.shape, strict=True) if colour != "#ffffff"}
    shapes = shapes or {"" if shape == "-" else shape for shape in marker.pattern.shape}
    assert len(shapes) == 1, shapes
    return marker.line.color, shapes.pop()


@pytest.fixture(scope="module")
def status_of_label(bundled_facts: Facts) -> dict[str, str]:
    labels = bundled_facts.statuses.set_index("status")["label"]
    return {str(label): str(status) for status, label in labels.items()}


def _currency_of_status(facts: Facts) -> dict[str, str]:
    """A currency each status has figures in (money is shown one currency at a time)."""
    money = facts.money.astype({"status": str, "currency": str})
    return dict(zip(money["status"], money["currency"], strict=True))


def _aid_states(facts: Facts) -> dict[str, aid.params.AidFilters]:
    options = aid.params.aid_options(facts)
    default = aid.params.PARAMS.defaults(options)
    every = tuple(options.recipients)
    currency = _currency_of_status(facts)
    states = {f"by {by}": dataclasses.replace(default, by=by) for by in ("recipient", "kind", "status")}
    states.update({f"{s} alone": dataclasses.replace(default, statuses=(s,), currency=currency[s], recipients=every)
                   for s in options.statuses})  # fmt: skip
    states.update({f"{s} alone by status": dataclasses.replace(default, statuses=(s,), by="status",
                                                               currency=currency[s], recipients=every)
                   for s in options.statuses})  # fmt: skip
    states.update({f"{s} dropped": dataclasses.replace(default, statuses=tuple(o for o in options.statuses if o != s))
                   for s in options.statuses})  # fmt: skip
    recipients = list(options.recipients)
    states.update({f"recipient {r}": dataclasses.replace(default, recipients=(r,)) for r in recipients[:3]})
    states.update({f"kind {k}": dataclasses.replace(default, kinds=(k,)) for k in options.kinds})
    states["years 2010-2020"] = dataclasses.replace(default, years=(2010, 2020))
    states["log scale"] = dataclasses.replace(default, scale="log")
    return states


def test_a_status_has_one_colour_and_pattern_on_the_aid_page(bundled_facts, status_of_label) -> None:
    data = aid.data.aid_data(bundled_facts)
    looks: Looks = defaultdict(set)
    states = _aid_states(bundled_facts)
    drawn = set()
    for name, filters in states.items():
        bars = aid.view.aid_view(data, filters).bars
        flows = aid.data.filter_money(data.view, filters)
        figures = [bars] if bars is not None else []
        if not flows.empty:
            figures.append(aid.spans.spans_figure(flows, filters.years))  # the page's "over time" chart
        drawn.update([name] if figures else [])
        for figure in figures:
            for trace in figure.data:
                if trace.type == "scatter" and trace.mode == "text":
                    continue  # amounts written before their spans: words, not a status's mark
                looks[status_of_label[plain(trace.name)]].add(_status_look(trace.marker))  # a long name wraps
    assert {name for name in states if name.startswith(("by ", "log", *status_of_label.values()))} <= drawn
    assert set(looks) == set(status_of_label.values())
    _one_look_each(looks)
    _statuses_look_as_styled(looks)


def test_a_status_has_one_colour_and_pattern_in_the_comparison(bundled_facts) -> None:
    data = compare_data.compare_data(bundled_facts)
    options = data.options
    default = COMPARE_PARAMS.defaults(options)
    money = [key for key, metric in options.metrics.items() if metric.status is not None]
    states = {
        "default": default,
        "every metric": dataclasses.replace(default, metrics=tuple(options.metrics)),
        "every country, every metric": dataclasses.replace(default, countries=tuple(options.countries),
                                                           metrics=tuple(options.metrics)),
        "one country": dataclasses.replace(default, countries=default.countries[:1], metrics=tuple(options.metrics)),
        "years 2010-2020": dataclasses.replace(default, years=(2010, 2020), metrics=tuple(options.metrics)),
        "no undated": dataclasses.replace(default, undated=False),
        "by name": dataclasses.replace(default, sort="name"),
    }  # fmt: skip
    currency = _currency_of_status(bundled_facts)
    every = tuple(options.countries)
    states.update({f"{key} alone": dataclasses.replace(default, metrics=(key,), countries=every,
                                                       currency=currency[options.metrics[key].status])
                   for key in money})  # fmt: skip
    looks: Looks = defaultdict(set)
    for name, filters in states.items():
        panels = compare_view.compare_view(data, filters).panels
        assert panels, name
        for metric, figure in panels:
            bars = [trace for trace in figure.data if trace.type == "bar"]
            if metric.status is not None and bars:
                looks[metric.status].update(_status_look(bar.marker) for bar in bars)
    assert set(looks) == {options.metrics[key].status for key in money}
    _one_look_each(looks)
    _statuses_look_as_styled(looks)


def _statuses_look_as_styled(looks: Looks) -> None:
    """Each status in its own style from core.style, and no two statuses alike."""
    seen = {status: next(iter(styles)) for status, styles in looks.items()}
    assert seen == {status: (status_style(status).colour, status_style(status).pattern) for status in seen}
    assert len(set(seen.values())) == len(seen)
