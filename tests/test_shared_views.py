"""Results shared between sessions per data version and filter state (components.data.for_filters)."""

from __future__ import annotations

import dataclasses

import pytest

from components.data import for_filters, forget_filter_states
from core import aid, timeline
from core.compare import data as compare_data
from core.compare import view as compare_view
from core.compare.params import PARAMS as COMPARE_PARAMS
from core.compare.params import CompareFilters
from core.facts import Facts
from tests.apptest_support import open_app


def no_data(facts: Facts) -> None:
    return None


def aid_money(facts: Facts) -> str:
    return "aid money"


def event_list(facts: Facts) -> str:
    return "events"


def counting(calls: list):
    def build(data, filters):
        calls.append(filters)
        return {"built from": filters}

    return build


def test_one_build_per_data_version_and_filter_state(bundled_facts: Facts) -> None:
    calls: list = []
    build = counting(calls)
    options = aid.params.aid_options(bundled_facts)
    first = aid.params.PARAMS.defaults(options)
    again = aid.params.PARAMS.defaults(options)  # equal, not the same object: as in another session
    other = dataclasses.replace(first, by="status")

    assert for_filters(bundled_facts, build, no_data, first) is for_filters(bundled_facts, build, no_data, again)
    assert len(calls) == 1
    assert for_filters(bundled_facts, build, no_data, other) == {"built from": other}
    assert len(calls) == 2
    edited = dataclasses.replace(bundled_facts, version="another-version")  # the files changed
    for_filters(edited, build, no_data, first)
    assert len(calls) == 3
    forget_filter_states()
    for_filters(bundled_facts, build, no_data, first)
    assert len(calls) == 4


def test_two_data_sets_with_the_same_filters_keep_their_own_results(bundled_facts: Facts) -> None:
    """The key names the data a result was built from, not only the filters and the facts' version."""

    def echo(data, filters):
        return data

    filters = aid.params.PARAMS.defaults(aid.params.aid_options(bundled_facts))
    first = for_filters(bundled_facts, echo, aid_money, filters)
    second = for_filters(bundled_facts, echo, event_list, filters)
    assert first != second
    assert (first, second) == ("aid money", "events")


@pytest.mark.parametrize("filters_class", [aid.params.AidFilters, CompareFilters, timeline.params.TimelineFilters])
def test_the_key_names_every_field_of_the_filters(filters_class) -> None:
    # The cache key is repr(filters): a frozen dataclass whose repr shows every field, so no two
    # different filter states can share a result.
    assert filters_class.__dataclass_params__.frozen
    for field in dataclasses.fields(filters_class):
        assert field.repr, f"{filters_class.__name__}.{field.name} is left out of the key"


def test_shared_results_equal_a_fresh_build(bundled_facts: Facts) -> None:
    data = compare_data.compare_data(bundled_facts)
    filters = COMPARE_PARAMS.defaults(data.options)
    shared = for_filters(bundled_facts, compare_view.compare_view, compare_data.compare_data, filters)
    fresh = compare_view.compare_view(data, filters)
    assert shared.rows.equals(fresh.rows) and shared.table.arrow.equals(fresh.table.arrow)
    assert [f.to_dict() for _, f in shared.panels] == [f.to_dict() for _, f in fresh.panels]

    data = aid.data.aid_data(bundled_facts)
    by_status = dataclasses.replace(aid.params.PARAMS.defaults(aid.params.aid_options(bundled_facts)), by="status")
    assert for_filters(bundled_facts, aid.view.aid_view, aid.data.aid_data, by_status).bars.to_dict() == (
        aid.view.aid_view(data, by_status).bars.to_dict()
    )
    events = timeline.data.event_view(bundled_facts)
    defaults = timeline.params.PARAMS.defaults(timeline.params.timeline_options(bundled_facts))
    picked = dataclasses.replace(defaults, event="E13")
    assert for_filters(bundled_facts, timeline.figures.chart, timeline.data.event_view, picked).to_dict() == (
        timeline.figures.chart(events, picked).to_dict()
    )


def test_a_second_session_sees_the_first_sessions_result_and_its_own_filters() -> None:
    first = open_app("app_pages/compare.py")
    first.radio(key="compare_sort").set_value("name").run()
    second = open_app("app_pages/compare.py")  # the default view: shared with the first's first run
    assert [c.proto.spec for c in first.get("plotly_chart")] != [c.proto.spec for c in second.get("plotly_chart")]
    second.radio(key="compare_sort").set_value("name").run()
    assert [c.proto.spec for c in first.get("plotly_chart")] == [c.proto.spec for c in second.get("plotly_chart")]
