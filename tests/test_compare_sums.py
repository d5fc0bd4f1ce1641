"""No amount on /compare is a sum the rule forbids: across kinds or statuses, over overlapping
scopes, or with a term whose period is not inside the years chosen.

Each money cell is recomputed here from the money table alone, without core.sums or the comparison,
and compared with the cells (core), the table and the charts' specs (AppTest), on the bundled data
and on generated data whose groups (CA5, SSEA_AF) contain members.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from core.compare import data as compare_data
from core.compare import figures as compare_figures
from core.compare.cells import NoTotal, NotStated, Stated, comparison
from core.compare.data import CompareData
from core.compare.params import PARAMS, CompareFilters, Metric
from core.compare.regional import regional_figures
from core.facts import Facts, load_facts
from core.formatting import format_usd
from scripts.generate_data import generate
from tests.apptest_support import open_app

# The filter states the issue names, as URL parameters (the page reads them) and as changes to the
# defaults (the core reads them).
STATES: dict[str, dict[str, str | list[str]]] = {
    "default": {},
    "USA, AFG, KAZ": {"country": ["USA", "AFG", "KAZ"]},
    "2000-2010": {"years": "2000-2010"},
    "2005-2019": {"years": "2005-2019"},
}


def filters_for(data: CompareData, params: dict[str, str | list[str]], **changes) -> CompareFilters:
    filters = PARAMS.defaults(data.options)
    if "country" in params:
        filters = dataclasses.replace(filters, countries=tuple(params["country"]))
    if "metric" in params:
        filters = dataclasses.replace(filters, metrics=tuple(params["metric"]))
    if "years" in params:
        first, last = str(params["years"]).split("-")
        filters = dataclasses.replace(filters, years=(int(first), int(last)))
    return dataclasses.replace(filters, **changes)


def expected(facts: Facts, code: str, metric: Metric, filters: CompareFilters) -> tuple[str, object]:
    """What the rule allows for one cell, from the money table alone: ("gap", None), ("value", n)
    for one figure or an allowed total, or ("no total", the ids side by side)."""
    money = facts.money
    donors = set(facts.actors.loc[facts.actors["role"] == "japan", "code"])
    rows = money[(money["recipient_code"] == code) & money["donor_code"].isin(donors)
                 & (money["status"] == metric.status) & (money["currency"] == filters.currency)]  # fmt: skip
    if metric.kind:
        rows = rows[rows["kind"] == metric.kind]
    else:  # Japan's money of a status: the kinds that are Japan's money, not trade both ways
        kinds = facts.flow_kinds
        rows = rows[rows["kind"].isin(kinds.loc[kinds["japans_money"] == "yes", "kind"])]
    first, last = filters.years
    start, end = rows["year_start"], rows["year_end"]
    kept = (start.notna() & (start <= last) & (end.isna() | (end >= first))).fillna(False)
    rows = rows[kept | (start.isna() & filters.undated)]
    if rows.empty:
        return "gap", None
    amounts = [int(a) for a in rows["amount"]]
    if len(rows) == 1:
        return "value", amounts[0]
    start, end = rows["year_start"], rows["year_end"]
    inside = bool((start.notna() & end.notna() & (start >= first) & (end <= last)).fillna(False).all())
    parties = rows["stated_by"].astype("string").fillna("").nunique() > 1
    if rows["kind"].nunique() > 1 or not inside or parties or holds_another(rows):
        return "no total", sorted(rows["flow_id"].astype(str))
    words = {str(q) for q in rows["qualifier"].dropna()}
    total = sum(amounts)
    # A bound ("more than", "up to") stays exact; "approximately", "some", a floor with a ceiling or a word we
    # do not know are rounded as vague.
    bounds = ({"more than"}, {"up to"})
    if words and not any(words <= bound for bound in bounds):
        vague = [int(a) for a, q in zip(rows["amount"], rows["qualifier"], strict=True) if not pd.isna(q)]
        step = max(10 ** max((k for k in range(16) if a % 10**k == 0), default=0) for a in vague)
        total = math.floor(total / step + 0.5) * step
    return "value", total


def holds_another(rows: pd.DataFrame) -> bool:
    """Whether an aggregate among one recipient's figures (all with closed periods) has a period
    overlapping another figure's: it may contain it."""
    for position in range(len(rows)):
        if pd.isna(rows["aggregate"].iloc[position]):
            continue
        start, end = rows["year_start"].iloc[position], rows["year_end"].iloc[position]
        others = rows.drop(rows.index[position])
        if ((others["year_start"] <= end) & (others["year_end"] >= start)).any():
            return True
    return False


def money_metrics(data: CompareData, filters: CompareFilters) -> list[Metric]:
    return [m for m in data.options.metrics.values() if m.unit == "usd" and m.id in filters.metrics]


def closed_generated(out: Path, rows: int) -> Path:
    """Generated data in which every money figure has a closed one-year period, so figures of one
    kind and status can be added: totals of hundreds of figures, next to money statuses that span
    kinds and have none."""
    generate(out, rows)
    money = pd.read_csv(out / "money.csv", dtype=str, keep_default_na=False)
    year = money["year_start"].where(money["year_start"] != "", "2010")
    money.assign(year_start=year, year_end=year).to_csv(out / "money.csv", index=False)
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated")
    generate(out, 1500)
    return out


@pytest.fixture(scope="module")
def generated_closed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return closed_generated(tmp_path_factory.mktemp("closed"), 1500)


def check_cells(facts: Facts, data: CompareData, filters: CompareFilters) -> dict[str, int]:
    """Every money cell against the rule; returns how many cells of each kind were seen."""
    seen = {"gap": 0, "value": 0, "no total": 0, "total": 0}
    cells = {(c.country_code, c.metric): c for c in comparison(data, filters)}
    for code in filters.countries:
        for metric in money_metrics(data, filters):
            cell = cells[(code, metric.id)]
            kind, want = expected(facts, code, metric, filters)
            seen[kind] += 1
            state = cell.state
            if kind == "gap":
                assert isinstance(state, NotStated) and state.gap, (code, metric.id)
            elif kind == "value":
                assert isinstance(state, Stated) and state.value == want, (code, metric.id, state, want)
                seen["total"] += state.adds is not None
            else:
                assert isinstance(state, NoTotal) and state.reason, (code, metric.id)
                assert cell.figures == len(want)  # type: ignore[arg-type]
                assert {t.id for t in cell.notes} <= set(want)  # type: ignore[arg-type]
                assert all(t.amount is not None for t in cell.notes)
    return seen


@pytest.mark.parametrize("state", list(STATES))
def test_no_cell_adds_what_the_rule_forbids_bundled(bundled_facts: Facts, state: str) -> None:
    data = compare_data.compare_data(bundled_facts)
    for metrics in (None, tuple(data.options.metrics)):  # the default metrics, then every one (KIND.STATUS too)
        filters = filters_for(data, STATES[state])
        if metrics:
            filters = dataclasses.replace(filters, metrics=metrics)
        check_cells(bundled_facts, data, filters)


def test_the_bundled_usa_has_no_total_for_three_undated_figures(bundled_facts: Facts) -> None:
    data = compare_data.compare_data(bundled_facts)
    filters = filters_for(data, STATES["USA, AFG, KAZ"])
    usa = next(c for c in comparison(data, filters) if (c.country_code, c.metric) == ("USA", "money.realised"))
    assert usa.state == NoTotal("no stated period")
    assert [(t.id, t.amount) for t in usa.notes] == [
        ("M06", 13_000_000_000), ("M03", 6_000_000_000), ("M04", 3_000_000_000)
    ]  # fmt: skip
    assert usa.text == "US$13 bn (M06); approximately US$6 bn (M03); US$3 bn (M04) — no total: no stated period"


@pytest.mark.parametrize("closed", [False, True])
@pytest.mark.parametrize("state", list(STATES))
def test_no_cell_adds_what_the_rule_forbids_generated(generated: Path, generated_closed: Path, closed: bool,
                                                      state: str) -> None:  # fmt: skip
    facts = load_facts(generated_closed if closed else generated)
    data = compare_data.compare_data(facts)
    assert data.scopes.members("CA5") and data.scopes.members("SSEA_AF")  # groups with members
    seen = {"gap": 0, "value": 0, "no total": 0, "total": 0}
    for undated in (True, False):
        filters = filters_for(data, STATES[state], metrics=tuple(data.options.metrics), undated=undated)
        for kind, count in check_cells(facts, data, filters).items():
            seen[kind] += count
    assert seen["no total"]
    if closed:
        assert seen["total"]  # figures of one kind, all inside the years: added


def test_regional_figures_are_single_figures(generated: Path) -> None:
    facts = load_facts(generated)
    data = compare_data.compare_data(facts)
    regional = regional_figures(data, filters_for(data, {}, metrics=tuple(data.options.metrics)))
    money = facts.money.set_index("flow_id")
    rows = regional[regional["id"].isin(money.index)]
    groups = set(facts.actors.loc[facts.actors["kind"] != "state", "name"].astype(str))
    assert len(rows) > 10 and "Central Asian states" in set(rows["region"]) and set(rows["region"]) <= groups
    for fact_id, value in zip(rows["id"], rows["value"], strict=True):
        assert value == format_usd(money.at[fact_id, "amount"], money.at[fact_id, "qualifier"])


# --- under AppTest: the table and the charts ----------------------------------------------------


def panels(at) -> dict[str, list[dict]]:
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return {spec["layout"]["title"]["text"].replace("<br>", " "): spec["data"] for spec in specs}


def check_page(facts: Facts, params: dict[str, str | list[str]]) -> None:
    """The page's table and charts hold, for each money cell, only what the rule allows."""
    at = open_app("app_pages/compare.py", query=params)
    data = compare_data.compare_data(facts)
    filters = filters_for(data, params)
    table = at.dataframe[-1].value.set_index("code")
    charts = panels(at)
    for metric in money_metrics(data, filters):
        bars, silent, apart = charts[f"{metric.label} (US$ bn)"]
        drawn = dict(zip(bars["y"], bars["x"], strict=True))
        for code in filters.countries:
            kind, want = expected(facts, code, metric, filters)
            name = data.options.countries[code]
            exact, words = table.at[code, f"{metric.label} (US$, exact)"], table.at[code, metric.label]
            if kind == "gap":
                assert exact == "not stated" and words.startswith("not stated") and name in silent["y"]
            elif kind == "value":
                assert int(exact) == want and name in drawn, (code, metric.id)
                assert math.isclose(drawn[name] * 1e9, want, rel_tol=1e-9)
            else:
                assert exact == "" and "— no total: " in words and name in apart["y"] and name not in drawn
                hover = apart["customdata"][apart["y"].index(name)]
                named = re.findall(r"<br>([MG]\d+) · ", hover)  # the terms, with their amounts
                assert "<b>no total</b>" in hover and set(named) <= set(want)  # type: ignore[arg-type]
                assert len(named) == min(len(want), compare_figures.MAX_HOVER_LINES)  # type: ignore[arg-type]
    if len(at.dataframe) > 1:  # the region box: one figure per row, never a sum
        regional = at.dataframe[0].value
        money = facts.money.set_index("flow_id")
        for fact_id, value in zip(regional["id"], regional["value"], strict=True):
            if fact_id in money.index:
                assert value == format_usd(money.at[fact_id, "amount"], money.at[fact_id, "qualifier"])


@pytest.mark.parametrize("state", list(STATES))
def test_the_page_shows_no_forbidden_sum_bundled(bundled_facts: Facts, state: str) -> None:
    check_page(bundled_facts, STATES[state])


@pytest.mark.parametrize("state", ["default", "USA, AFG, KAZ", "2005-2019"])
def test_the_page_shows_no_forbidden_sum_generated(generated_closed: Path, monkeypatch, state: str) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(generated_closed))
    metrics = {"metric": ["money.realised", "aid.realised", "investment.agreed", "contribution.realised"]}
    check_page(load_facts(generated_closed), {**STATES[state], **metrics})
