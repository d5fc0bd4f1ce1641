"""'Not stated' that informs: whose gap it is (the source's or the filters') and the related facts
the source does state for the country (its events with Japan, the figures of groups containing it)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from core.compare import data as compare_data
from core.compare.cells import Cell, NotStated, comparison
from core.compare.data import CompareData
from core.compare.figures import cell_hover
from core.compare.params import PARAMS
from core.facts import Facts
from tests.apptest_support import open_app


@pytest.fixture(scope="module")
def bundled(bundled_facts: Facts) -> CompareData:
    return compare_data.compare_data(bundled_facts)


def cell(data: CompareData, code: str, metric: str, **changes) -> Cell:
    filters = dataclasses.replace(PARAMS.defaults(data.options), countries=(code,), metrics=(metric,), **changes)
    (only,) = comparison(data, filters)
    return only


@pytest.mark.parametrize(
    ("case", "code", "metric", "changes", "gap", "text"),
    [
        ("the source's gap, with the region's figure and an event with Japan",
         "KGZ", "money.realised", {}, "no source gives an amount for Kyrgyzstan",
         "not stated (no source gives an amount; see M51, M50 for the region, E38, E02, E39)"),
        ("the source's gap, and only an event with Japan (M51, M50 are realised, not agreed)",
         "KGZ", "money.agreed", {}, "no source gives an amount for Kyrgyzstan",
         "not stated (no source gives an amount; see E38, E02, E39)"),
        ("Tajikistan: the region's figure only (its events are the region's)",
         "TJK", "money.realised", {}, "no source gives an amount for Tajikistan",
         "not stated (no source gives an amount; see M51, M50 for the region, E38, E39)"),
        ("the years' gap: Kazakhstan's investment is 2005-2019",
         "KAZ", "money.realised", {"years": (1951, 2000)}, "no figure for Kazakhstan in the years chosen",
         "not stated (no figure in the years chosen; see M51, M50 for the region, E38, E39, E41)"),
        ("the options' gap: Uzbekistan's agreed investment states no period",
         "UZB", "money.agreed", {"undated": False},
         "no figure for Uzbekistan with the options chosen (figures with no stated period are left out)",
         "not stated (no figure with the options chosen; see E38, E39, E40 and 3 more)"),
        ("companies: the source's gap",
         "TJK", "companies", {}, "no source gives a figure for Tajikistan",
         "not stated (no source gives a figure)"),
        ("companies: the options' gap (more than 70 states no period)",
         "KAZ", "companies", {"undated": False},
         "no figure for Kazakhstan with the options chosen (figures with no stated period are left out)",
         "not stated (no figure with the options chosen)"),
    ],
)  # fmt: skip
def test_a_gap_says_whose_it_is_and_what_the_source_states(bundled, case, code, metric, changes, gap, text) -> None:
    found = cell(bundled, code, metric, **changes)
    assert isinstance(found.state, NotStated) and found.value is None, case
    assert (found.state.gap, found.text) == (gap, text), case


def test_the_hover_names_the_related_facts(bundled: CompareData) -> None:
    found = cell(bundled, "KGZ", "money.realised")
    assert isinstance(found.state, NotStated)
    assert [(n.id, n.amount) for n in found.state.related] == [
        ("M51", 290_910_000),
        ("M50", 172_570_000),
        ("E38", None),
        ("E02", None),
        ("E39", None),
    ]
    hover = cell_hover(found, bundled.options.metrics["money.realised"])
    assert "<b>not stated</b>: no source gives an amount for Kyrgyzstan" in hover
    assert "M51 · approximately US$290.9 m for Central Asia and the Caucasus<br>(2004)" in hover
    assert "What the sources do state:" in hover
    assert "E02 · Manas airport upgrade (1996–2000), an event with no amount" in hover
    assert "for the years and options chosen" not in hover  # the old, uninformative wording


def test_afghanistan_sees_the_group_that_may_include_it(bundled: CompareData) -> None:
    # SSEA_AF's figure is realised aid; Afghanistan's own realised aid is stated, so the gap is agreed money.
    assert cell(bundled, "AFG", "money.realised").value == 7_000_000_000
    gap = cell(bundled, "AFG", "aid.realised", years=(1951, 2000)).state
    assert isinstance(gap, NotStated) and gap.gap == "no figure for Afghanistan in the years chosen"
    assert [n.id for n in gap.related] == ["M01"]
    assert "Developing countries in South and Southeast Asia and Africa" in gap.related[0].line


def test_the_page_shows_the_gaps_in_words_and_in_the_hover() -> None:
    at = open_app("app_pages/compare.py", country=["KGZ", "TJK"], metric="money.realised")
    shown = at.dataframe[-1].value.set_index("code")
    assert shown.at["KGZ", "Japanese money: realised"] == (
        "not stated (no source gives an amount; see M51, M50 for the region, E38, E02, E39)"
    )
    (chart,) = at.get("plotly_chart")
    _, silent, _ = json.loads(chart.proto.spec)["data"]
    kyrgyzstan = silent["customdata"][silent["y"].index("Kyrgyzstan")]
    assert "no source gives an amount for Kyrgyzstan" in kyrgyzstan and "E02 · Manas airport upgrade" in kyrgyzstan
