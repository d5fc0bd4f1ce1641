"""The page registry (core.pages) is the one place a page is declared: what it states holds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.filters import WIDGETS
from core import aid, params, timeline
from core.facts import Facts
from core.pages import ANALYSIS_PAGES, PAGES, Page, by_slug

APP_PAGES = Path(__file__).resolve().parents[1] / "dashboard" / "app_pages"


def test_slugs_and_addresses_are_unique_and_the_first_page_is_the_default() -> None:
    assert len({p.slug for p in PAGES}) == len(PAGES)
    assert len({p.url_path for p in PAGES}) == len(PAGES)
    assert [p.default for p in PAGES] == [True] + [False] * (len(PAGES) - 1)


def test_every_script_is_registered_once_and_exists() -> None:
    assert sorted(p.script for p in PAGES) == sorted(path.name for path in APP_PAGES.glob("*.py"))


def _served_addresses() -> None:
    """Builds the app's st.Pages inside a Streamlit run (st.Page needs one) and keeps their
    addresses: the registry's, and the same pages with their scripts swapped."""
    import dataclasses

    import streamlit as st

    from components.navigation import all_pages, streamlit_page
    from core.pages import PAGES

    st.session_state["served"] = [page.url_path for page in all_pages()]
    swapped = [dataclasses.replace(page, script=PAGES[-1 - i].script) for i, page in enumerate(PAGES)]
    st.session_state["swapped"] = [streamlit_page(page).url_path for page in swapped]


def test_each_page_is_served_at_its_declared_address_whatever_its_script_is_called() -> None:
    at = AppTest.from_function(_served_addresses, default_timeout=30).run()
    assert not at.exception
    assert at.session_state["served"] == [page.url_path for page in PAGES]
    assert at.session_state["swapped"] == [page.url_path for page in PAGES]


def test_the_analysis_pages_are_the_pages_with_parameters() -> None:
    assert [p.slug for p in ANALYSIS_PAGES] == [p.slug for p in PAGES if p.params is not None]
    assert by_slug("compare").url_path == "compare"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.slug)
def test_a_zip_names_only_tables_the_package_has(page: Page, bundled_facts: Facts) -> None:
    if page.tables is not None:
        assert set(page.tables) <= set(bundled_facts.package.resource_names)


def test_every_kind_of_parameter_has_a_widget() -> None:
    def concrete(cls: type) -> set[type]:
        found = {sub for sub in cls.__subclasses__() if not sub.__name__.startswith("_")}
        return found.union(*(concrete(sub) for sub in cls.__subclasses__()))

    kinds = concrete(params.Param)
    assert kinds == {params.ListParam, params.ChoiceParam, params.FlagParam, params.YearsParam, params.TextParam}
    assert kinds <= set(WIDGETS)


def test_the_parameters_every_page_has_are_documented_on_every_page() -> None:
    for page in ANALYSIS_PAGES:
        table = page.params.docs_table()
        assert all(f"`{p.key}`" in table for p in params.EVERY_PAGE), page.slug


@pytest.mark.parametrize(
    ("param", "table", "column"),
    [(aid.params.PARAMS, "statuses", "status"), (aid.params.PARAMS, "flow_kinds", "kind"),
     (timeline.params.PARAMS, "categories", "category")],
)  # fmt: skip
def test_a_parameters_documented_values_name_every_id_of_its_table(param, table, column, bundled_facts: Facts) -> None:
    # docs/links.md and the API's index list these: they listed 3 of the 6 statuses and 8 of 9 categories.
    documented = next(p for p in param.params if p.key == column).doc_values
    ids = getattr(bundled_facts, table)[column]
    assert all(f"`{value}`" in documented for value in ids), set(ids) - set(re.findall(r"`(\w+)`", documented))
