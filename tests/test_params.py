"""The URL registries: for every page, any state its widgets can take survives a permalink.

Property tests draw random filter states from what the bundled data offers, write them as the page
writes its links, and read them back as a colleague's browser would. A few states also go through
the real pages under AppTest: the permalink the Share box shows reopens the same widgets.
"""

from __future__ import annotations

import dataclasses
import urllib.parse
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import aid, timeline
from core.compare import data as compare_data
from core.compare import params as compare_params
from core.facts import Facts
from core.i18n import use_language
from core.pages import ANALYSIS_PAGES, by_slug
from core.params import ChoiceParam, FlagParam, ListParam, PageParams, Param, TextParam, YearsParam
from core.url_state import QueryReader, permalink
from tests.apptest_support import open_app, open_popover

SCRIPTS = {page.slug: f"app_pages/{page.script}" for page in ANALYSIS_PAGES}
PAGES = list(SCRIPTS)


@pytest.fixture(scope="module")
def registries(bundled_facts: Facts) -> dict[str, tuple[PageParams, Any]]:
    """Each page's registry with the options the bundled data offers."""
    return {
        "aid": (aid.params.PARAMS, aid.params.aid_options(bundled_facts)),
        "timeline": (timeline.params.PARAMS, timeline.params.timeline_options(bundled_facts)),
        "compare": (compare_params.PARAMS, compare_data.compare_data(bundled_facts).options),
    }


@pytest.fixture(scope="module")
def event_ids(bundled_facts: Facts) -> list[str]:
    return list(bundled_facts.events["event_id"])


def value_of(param: Param, options: Any, event_ids: list[str]) -> st.SearchStrategy:
    """Any value the parameter's widget can take."""
    match param:
        case ListParam():
            return st.lists(st.sampled_from(list(param.values(options))), unique=True).map(tuple)
        case ChoiceParam():
            return st.sampled_from(list(param.values(options)))
        case FlagParam():
            return st.booleans()
        case YearsParam():
            low, high = param.bounds(options)
            return st.tuples(st.integers(low, high), st.integers(low, high)).map(lambda y: (min(y), max(y)))
        case TextParam(key="event"):
            return st.sampled_from(["", *event_ids])
        case TextParam():
            # What a text box gives after the page strips it: printable text within its limit.
            text = st.text(
                st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=param.max_length
            )
            return text.map(str.strip)
    raise AssertionError(f"no strategy for {type(param).__name__}")


def state_of(registry: PageParams, options: Any, event_ids: list[str]) -> st.SearchStrategy:
    fields = {p.field: value_of(p, options, event_ids) for p in registry.params}
    return st.fixed_dictionaries(fields).map(lambda values: registry.filters(**values))


def reopened(registry: PageParams, options: Any, link: str) -> tuple[Any, list[str]]:
    """Read a link as the page does: Streamlit keeps blank values (`key=`) and repeated keys."""
    query = urllib.parse.urlsplit(link).query
    reader = QueryReader(urllib.parse.parse_qs(query, keep_blank_values=True))
    filters = registry.read(reader, options)
    return filters, reader.finish()


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_state_survives_its_permalink(page: str, data: st.DataObject, registries, event_ids) -> None:
    registry, options = registries[page]
    state = data.draw(state_of(registry, options, event_ids))
    link = permalink(f"http://127.0.0.1:8501/{page}", registry.to_query(state), "v1")
    filters, notices = reopened(registry, options, link)
    assert filters == state
    assert notices == []


@pytest.mark.parametrize("page", PAGES)
def test_the_summary_names_every_filter_the_registry_says(page: str, registries) -> None:
    registry, options = registries[page]
    summary = registry.summary(registry.defaults(options), options)
    named = [p.summary_name for p in registry.params if p.summary_name]
    assert named and set(named) <= set(summary)
    assert all(value.strip() for value in summary.values())


def test_a_registry_that_does_not_match_its_filters_is_refused() -> None:
    with pytest.raises(TypeError, match="do not match the fields"):
        PageParams(filters=aid.params.AidFilters, params=aid.params.PARAMS.params[:-1])


def _widgets(at, page: str) -> dict[str, Any]:
    """The value of each of the page's widgets, by the registry's keys."""
    values = {}
    for param in by_slug(page).params.params:
        value = at.session_state[by_slug(page).widget_key(param.field)]
        values[param.field] = tuple(value) if isinstance(value, list | tuple) else value
    return values


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_share_box_permalink_reopens_the_same_widgets(
    page: str, data: st.DataObject, registries, event_ids
) -> None:
    registry, options = registries[page]
    state = data.draw(state_of(registry, options, event_ids))
    if page == "timeline":
        state = dataclasses.replace(state, event="")  # a chosen event needs it kept by the filters
    query = {key: [value] if isinstance(value, str) else list(value) for key, value in registry.to_query(state).items()}
    first = open_popover(open_app(SCRIPTS[page], **query), f"{page}_share")
    link = first.code[0].value
    assert urllib.parse.urlsplit(link).path == f"/{page}"
    again = open_app(SCRIPTS[page], **urllib.parse.parse_qs(urllib.parse.urlsplit(link).query, keep_blank_values=True))
    assert _widgets(again, page) == _widgets(first, page)
    assert registry.filters(**_widgets(again, page)) == state


@pytest.mark.parametrize("page", ["aid", "timeline"])
def test_the_summary_says_which_sources_a_view_keeps(page: str, registries) -> None:
    # With official=0 every source is kept, and the README said official facts were "dropped".
    registry, options = registries[page]
    default = registry.defaults(options)
    assert default.official is False
    assert registry.summary(default, options)["kinds of source"] == "every kind"
    narrowed = registry.summary(dataclasses.replace(default, official=True), options)
    assert narrowed["kinds of source"].startswith("official only")
    with use_language("ru"):
        assert registry.summary(default, options)["виды источников"] == "все виды"
