"""No amount on / or /aid is a sum of figures of different kinds or statuses, of overlapping
scopes, or of periods outside the years chosen: checked under AppTest on what the pages show."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from core.facts import Facts
from core.scopes import Scopes
from tests.apptest_support import open_app

STATES = [
    {},
    {"kind": "aid"},
    {"years": "2000-2010"},
    {"years": "2005-2019"},
    {"by": "kind"},
    {"by": "status"},
    # every recipient, the context included: the case where a group and its member are both shown
    {"recipient": ["SSEA_AF", "CA5", "USA", "AFG", "KAZ", "UZB", "TKM"]},
    {"recipient": ["SSEA_AF", "CA5", "USA", "AFG", "KAZ", "UZB", "TKM"], "by": "kind"},
]
IDS = re.compile(r"\bM\d\d\b")


def assert_lawful(ids: list[str], money: pd.DataFrame, scopes: Scopes, years: tuple[int, int]) -> None:
    """The rule, computed here from the money table, independently of core.sums."""
    terms = money.loc[ids]
    assert terms["status"].nunique() == 1, f"{ids}: statuses mixed"
    assert terms["kind"].nunique() == 1, f"{ids}: kinds mixed"
    assert terms["year_start"].notna().all() and terms["year_end"].notna().all(), f"{ids}: a period not stated"
    assert (terms["year_start"] >= years[0]).all() and (terms["year_end"] <= years[1]).all(), f"{ids}: outside"
    codes = terms["recipient_code"].astype(str).tolist()
    for i, first in enumerate(codes):
        for second in codes[i + 1 :]:
            assert first == second or not (second in scopes.members(first) or first in scopes.members(second)), (
                f"{ids}: {first} and {second} overlap"
            )


@pytest.mark.parametrize("state", STATES, ids=lambda s: "&".join(f"{k}={v}" for k, v in s.items()) or "default")
def test_aid_shows_only_lawful_sums(state: dict, bundled_facts: Facts) -> None:
    money = bundled_facts.money.set_index("flow_id")
    scopes = Scopes.from_table(bundled_facts.memberships)
    at = open_app("app_pages/aid.py", **state)
    years = tuple(int(y) for y in at.slider(key="aid_years").value)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    sums = [label for trace in spec["data"] for label in trace["y"] if "sum of" in label]
    for label in sums:
        assert_lawful(IDS.findall(label), money, scopes, years)
    for trace in spec["data"]:
        for label, amount in zip(trace["y"], trace["x"], strict=True):
            if "sum of" not in label:  # a lone figure: drawn at its own amount
                (fid,) = IDS.findall(label)
                assert amount == pytest.approx(money.at[fid, "amount"] / 1e9)
    totals = at.dataframe[0].value
    assert list(totals.columns[:3]) == ["status", "kind of flow", "total"]
    assert totals.groupby(["status", "kind of flow"]).size().max() == 1  # one total per status and kind
    for row in totals.itertuples():
        if row.total != "no total" and not row.total.endswith("(one figure, not a sum)"):
            assert_lawful(IDS.findall(row.adds), money, scopes, years)


def test_a_group_and_its_member_are_shown_side_by_side_with_the_reason(bundled_facts: Facts) -> None:
    at = open_app("app_pages/aid.py", recipient=["SSEA_AF", "AFG"], kind="aid", years="1954-2019")
    aid = at.dataframe[0].value.set_index("kind of flow").loc["Aid"]
    # Afghanistan's figure stands alone: the wider group's "since 1954" has no stated end.
    assert (aid["total"], aid["adds"], aid["not added"]) == (
        "approximately US$7 bn",
        "1 figure: M05",
        "M01 (no stated end)",
    )
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    labels = [label for trace in spec["data"] for label in trace["y"]]
    assert len(labels) == 2 and not any("sum of" in label for label in labels)


def test_the_overview_adds_nothing_unlawful(bundled_facts: Facts) -> None:
    at = open_app()
    values = [m.value for m in at.metric]
    assert "≈ US$12 bn" in values and "US$5.5 bn" in values
    # The region's figure and a state's are never one card: no total adds the region and a state, and a
    # total adds one state's figures of one status, kind and currency (the official record's grants).
    totals = [c.value for c in at.markdown if "a total of" in c.value]
    assert totals and not any("CA5" in t or "M02" in t for t in totals)
