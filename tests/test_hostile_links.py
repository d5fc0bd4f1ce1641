"""Property tests: any query string opens every page without an exception, applies its valid part
and names the rest in one notice."""

from __future__ import annotations

import pytest
import streamlit as st
from hypothesis import HealthCheck, given, settings

from tests.apptest_support import PAGES, open_app
from tests.hostile import KNOWN_KEYS, queries


@pytest.fixture(scope="module", autouse=True)
def warm_cache():
    st.cache_resource.clear()
    yield


@pytest.mark.parametrize("page", PAGES)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries)
def test_any_link_opens_the_page_without_an_exception(page: str, query: dict[str, list[str]]) -> None:
    at = open_app(page, query=query)  # which asserts that no exception was raised
    assert not at.error, [e.value for e in at.error]  # a link is never a data error
    assert len(at.info) <= 1  # one short notice at most
    if at.info:
        assert len(at.info[0].value) < 3000
    # Whatever was asked, the URL now states a valid view of this page (no unknown key survives).
    assert set(at.query_params) <= set(KNOWN_KEYS)


def test_the_valid_part_of_a_mixed_link_is_applied() -> None:
    query = {"recipient": ["KAZ", "\x00bad"], "years": ["1e9"], "by": ["status"], "🙂": ["1"]}
    at = open_app("app_pages/aid.py", query=query)
    assert list(at.multiselect(key="aid_recipients").value) == ["KAZ"]
    assert at.radio(key="aid_by").value == "status"
    notice = at.info[0].value
    assert "years" in notice and "'🙂'" in notice and "recipient" in notice
