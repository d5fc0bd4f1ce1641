"""The one rule for sums: same status, same kind, disjoint scopes, periods inside the years."""

from __future__ import annotations

import pandas as pd
import pytest

from core.scopes import Scopes
from core.sums import NO_END, NO_PERIOD, OUTSIDE, add_up, add_up_each

SCOPES = Scopes({"REG": {"A": "definition", "B": "definition"}, "WIDE": {"C": "unknown"}})


def figures(*rows: tuple) -> pd.DataFrame:
    """(id, recipient, amount, qualifier, start, end, kind, status)"""
    columns = ["flow_id", "recipient_code", "amount", "qualifier", "year_start", "year_end", "kind", "status"]
    frame = pd.DataFrame(list(rows), columns=columns)  # status R: realised, G: agreed
    return frame.astype({"year_start": "Int64", "year_end": "Int64", "amount": "int64"}).assign(currency="USD")


@pytest.mark.parametrize(
    ("case", "rows", "years", "total", "qualifier", "reason"),
    [
        ("disjoint, same kind and status, inside: added",
         [("X1", "A", 12_000, None, 2000, 2001, "aid", "R"), ("X2", "D", 7_000, None, 2003, 2003, "aid", "R")],
         (2000, 2010), 19_000, None, ""),
        ("a region and its member overlap: no total",
         [("X1", "REG", 12_000, None, 2000, 2001, "aid", "R"), ("X2", "A", 7_000, None, 2003, 2003, "aid", "R")],
         (2000, 2010), None, None, "REG includes A"),
        ("containment the source leaves open: no total",
         [("X1", "WIDE", 12_000, None, 2000, 2001, "aid", "R"), ("X2", "C", 7_000, None, 2003, 2003, "aid", "R")],
         (2000, 2010), None, None, "leaves open whether WIDE includes C"),
        ("two kinds of flow: no total",
         [("X1", "A", 12_000, None, 2000, 2001, "aid", "R"), ("X2", "D", 7_000, None, 2003, 2003, "inv", "R")],
         (2000, 2010), None, None, "different kinds of flow"),
        ("two statuses: no total",
         [("X1", "A", 12_000, None, 2000, 2001, "aid", "R"), ("X2", "D", 7_000, None, 2003, 2003, "aid", "G")],
         (2000, 2010), None, None, "different statuses"),
        ("vague terms: an approximate total at their precision",
         [("X1", "A", 12_000_000_000, "approximately", 2000, 2001, "aid", "R"),
          ("X2", "D", 6_600_000_000, None, 2003, 2003, "aid", "R")],
         (2000, 2010), 19_000_000_000, "approximately", ""),
        ("a 'more than' term: at least",
         [("X1", "A", 70, "more than", 2000, 2001, "aid", "R"), ("X2", "D", 5, None, 2003, 2003, "aid", "R")],
         (2000, 2010), 75, "at least", ""),
        ("one figure keeps its own word",
         [("X1", "A", 300, "some", 2000, 2001, "aid", "R")], (2000, 2010), 300, "some", ""),
    ],
)  # fmt: skip
def test_add_up(case, rows, years, total, qualifier, reason) -> None:
    result = add_up(figures(*rows), SCOPES, years)
    assert (result.total, result.qualifier) == (total, qualifier), case
    assert reason in result.reason and bool(result.reason) == (total is None), case
    assert result.added == (tuple(r[0] for r in rows) if total is not None else ()), case


def test_periods_outside_the_years_are_listed_apart_never_added() -> None:
    rows = figures(
        ("IN", "A", 10, None, 2005, 2006, "aid", "R"),
        ("OPEN", "D", 300, "some", 1954, None, "aid", "R"),
        ("NONE", "E", 6, None, None, None, "aid", "R"),
        ("PART", "F", 7, None, 2001, 2019, "aid", "R"),
    )
    result = add_up(rows, SCOPES, (2005, 2019))
    assert result.total == 10 and result.added == ("IN",) and result.added_count == 1
    assert result.apart == (("OPEN", NO_END), ("NONE", NO_PERIOD), ("PART", OUTSIDE))
    assert result.apart_words() == f"OPEN ({NO_END}); NONE ({NO_PERIOD}); PART ({OUTSIDE})"
    assert result.apart_count == 3


def test_nothing_inside_the_years_gives_no_total() -> None:
    result = add_up(figures(("NONE", "E", 6, None, None, None, "aid", "R")), SCOPES, (2000, 2010))
    assert result.total is None and "inside the years" in result.reason


def test_scopes_contain_transitively_and_flag_cycles() -> None:
    scopes = Scopes({"W": {"R": "definition"}, "R": {"A": "source"}, "X": {"X": "definition"}})
    assert scopes.members("W") == {"R": "definition", "A": "source"}
    assert scopes.relation("A", "W") == "contains" and scopes.relation("A", "B") is None
    assert scopes.cycles() == [("X", "X")]
    assert scopes.whole_groups(["JPN", "A"]) == set()  # R lists one member: naming A is not naming R
    pair = Scopes({"R": {"A": "definition", "B": "definition"}})
    assert pair.whole_groups(["JPN", "A", "B"]) == {"R"} and pair.whole_groups(["A"]) == set()


@pytest.mark.parametrize(
    "keys",
    [["recipient_code", "currency", "status", "kind"], ["kind", "currency", "status"], ["currency", "status", "kind"]],
)
def test_add_up_each_equals_add_up_on_every_group(keys, tmp_path) -> None:
    from core.facts import load_facts
    from core.money import money_view
    from scripts.generate_data import generate

    generate(tmp_path, 2000)
    facts = load_facts(tmp_path)
    view, scopes = money_view(facts), Scopes.from_table(facts.memberships)
    for years in [(1954, 2020), (1990, 2005)]:
        each = add_up_each(view, keys, scopes, years)
        one_by_one = {
            (key if isinstance(key, tuple) else (key,)): add_up(rows, scopes, years)
            for key, rows in view.groupby(keys, observed=True, sort=False)
        }
        assert each == one_by_one
        assert any(s.total is None for s in each.values())  # some groups cannot be added...
        if "recipient_code" in keys:  # ...and, one recipient a group, many can
            assert any(s.total is not None and s.added_count > 1 for s in each.values())


def test_two_groups_sharing_a_member_overlap() -> None:
    scopes = Scopes({"G1": {"A": "definition", "B": "definition"}, "G2": {"A": "source"}, "G3": {"A": "unknown"}})
    assert scopes.relation("G1", "G2") == "contains"  # neither holds the other, but both hold A
    assert scopes.relation("G1", "G3") == "unknown" and scopes.relation("G2", "X") is None
    rows = figures(("X1", "G1", 5, None, 2000, 2001, "aid", "R"), ("X2", "G2", 7, None, 2002, 2002, "aid", "R"))
    assert add_up(rows, scopes, (2000, 2010)).total is None


def test_approximate_totals_round_exactly_past_float_precision() -> None:
    big = 10**17 + 3 * 10**9  # an integer float64 cannot hold exactly
    rows = figures(
        ("X1", "A", big, "approximately", 2000, 2001, "aid", "R"), ("X2", "D", 10**9, None, 2003, 2003, "aid", "R")
    )
    assert add_up(rows, SCOPES, (2000, 2010)).total == big + 10**9


def test_figures_in_two_currencies_are_never_added() -> None:
    yen = figures(("Y1", "A", 39_000_000_000, "up to", 2024, 2024, "aid", "R")).assign(currency="JPY")
    dollars = figures(("M1", "B", 5_000_000, None, 2024, 2024, "aid", "R"))
    result = add_up(pd.concat([yen, dollars], ignore_index=True), SCOPES, (2000, 2025))
    assert result.total is None and "different currencies (JPY, USD)" in result.reason
    assert "converts none" in result.reason


def test_a_sum_of_ceilings_is_at_most_and_says_its_currency() -> None:
    loans = figures(
        ("Y1", "A", 39_000_000_000, "up to", 2024, 2024, "aid", "R"),
        ("Y2", "B", 11_915_000_000, "up to", 2015, 2015, "aid", "R"),
    ).assign(currency="JPY")
    result = add_up(loans, SCOPES, (2000, 2025))
    assert (result.total, result.qualifier, result.currency) == (50_915_000_000, "at most", "JPY")
    assert result.words() == "at most ¥50.9 bn"
    each = add_up_each(loans.assign(status_label="R", kind_label="Aid"), ["currency", "status", "kind"], SCOPES)
    assert each[("JPY", "R", "aid")].currency == "JPY"
