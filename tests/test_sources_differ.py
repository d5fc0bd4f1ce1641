"""Where sources differ, both stand; aggregates, stating parties and trade are kept out of totals.

The official record's additions to the one rule for sums (core.sums) and to the evidence
(core.evidence): each is checked on the bundled data, where the cases are real, and on small
frames, where each rule is the only thing that can stop a total.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from core.compare import data as compare_data
from core.compare.cells import comparison
from core.compare.cells.cell import cell_sources
from core.compare.figures import cell_hover
from core.compare.params import PARAMS
from core.evidence import difference_lines, differences_in_words, evidence_of
from core.facts import Facts, load_facts
from core.i18n import use_language
from core.money import japans_money_kinds, money_view
from core.overview import analysis_counts, central_asia_money, key_figures_table, official_counts, recorded_meetings
from core.problems import DataError
from core.scopes import Scopes
from core.sums import AMOUNT_DIFFERS, HOLDS_OTHERS, add_up, add_up_each
from core.timeline.data import event_view
from core.translations import localise
from tests.apptest_support import open_app
from tests.test_downloads import aid_rows, compare_rows, timeline_rows
from tests.test_sums import figures

NO_SCOPES = Scopes({})


def event(facts: Facts, event_id: str) -> pd.Series:
    return facts.events.set_index("event_id").loc[event_id]


def test_the_summit_keeps_both_dates_with_their_sources(bundled_facts: Facts) -> None:
    summit = event(bundled_facts, "E37")
    assert summit["differs_on"] == "date"
    assert summit["sources_differ"] == (
        "date: 20 December 2025 (worldjpn_2025_tokyo_declaration); 19–20 December 2025 (mofa_ja_2025_summit_announce)"
    )
    assert not bool(summit["amount_differs"])
    third = event(bundled_facts, "E27")  # MOFA's English page says Tuesday, its Japanese page Saturday
    assert third["differs_on"] == "weekday" and "Tuesday" in third["sources_differ"]
    assert "Saturday" in third["sources_differ"]
    agreeing = event(bundled_facts, "E25")
    assert pd.isna(agreeing["differs_on"]) and pd.isna(agreeing["sources_differ"])


def test_the_turkmenistan_contracts_keep_both_amounts_and_stand_alone(bundled_facts: Facts) -> None:
    # The analysis says "$18 billion", Abe's words in Reuters "more than $18 billion": both stand.
    contracts = bundled_facts.money.set_index("flow_id").loc["M09"]
    assert contracts["differs_on"] == "amount" and bool(contracts["amount_differs"])
    assert contracts["sources_differ"] == (
        "amount: US$18 billion (usubaliev_2020); more than US$18 billion (reuters_en_2015_tkm_deals)"
    )
    view = money_view(bundled_facts)
    two = view[view["flow_id"].isin(["M09"])].assign(amount_differs=True)
    alone = add_up(two, NO_SCOPES)  # alone, it is apart too: no total picks either amount
    assert alone.total is None and alone.apart == (("M09", AMOUNT_DIFFERS),)
    assert alone.reason == "none of them can be added: each is listed apart with the reason"
    beside = pd.concat([two, two.assign(flow_id="X", recipient_code="KAZ", amount_differs=False)])
    result = add_up(beside, NO_SCOPES)
    assert result.added == ("X",) and result.apart == (("M09", AMOUNT_DIFFERS),)
    card = next(c for c in central_asia_money(bundled_facts) if c.fact_ids == ("M09",))
    assert "sources differ on the amount: US$18 billion (usubaliev_2020); more than US$18 billion" in card.status
    # The visit itself now has the Prime Minister's Office's record too.
    assert "kantei_en_2015_abe_tkm" in str(event(bundled_facts, "E11")["source_ids"])


def test_a_difference_is_said_in_words_with_every_value(bundled_facts: Facts) -> None:
    rows = evidence_of(bundled_facts.evidence, "events", "E37")
    (line,) = difference_lines(rows)
    assert line.startswith("Sources differ on the date: 20 December 2025; 19–20 December 2025.")
    assert difference_lines(evidence_of(bundled_facts.evidence, "events", "E25")) == []


def test_the_date_in_words_says_the_sources_differ(bundled_facts: Facts) -> None:
    words = event_view(bundled_facts).set_index("event_id")["date_text"]
    assert words["E37"] == "20 December 2025 (sources differ)"
    assert words["E27"] == "7 August 2010"  # they differ on its weekday, not its date
    assert "sources differ" not in words["E25"]


def test_the_timeline_csv_carries_the_difference(bundled_facts: Facts) -> None:
    rows = timeline_rows(bundled_facts).set_index("event_id")
    assert "19–20 December 2025 (mofa_ja_2025_summit_announce)" in rows.at["E37", "sources_differ"]
    assert pd.isna(rows.at["E25", "sources_differ"])


def test_the_event_card_shows_each_source_s_value() -> None:
    at = open_app("app_pages/timeline.py", event="E37")
    text = " ".join(md.value.replace("\\", "") for md in at.markdown)
    assert "Sources differ on the date: 20 December 2025; 19–20 December 2025." in text
    assert "This source's date: 19–20 December 2025" in text and "This source's date: 20 December 2025" in text


def test_a_difference_reads_in_russian(bundled_facts: Facts) -> None:
    russian = localise(bundled_facts, "ru")
    with use_language("ru"):
        (line,) = difference_lines(evidence_of(russian.evidence, "events", "E37"))
    assert line.startswith("Источники расходятся") and "19–20 декабря 2025 г." in line and "дата" in line


def edit_evidence(data_dir: Path, key: str, source_id: str, differs_on: str, states: str) -> None:
    evidence = pd.read_csv(data_dir / "evidence.csv", dtype=str, keep_default_na=False)
    row = (evidence["key"] == key) & (evidence["source_id"] == source_id)
    assert row.sum() >= 1
    evidence.loc[row, ["differs_on", "states"]] = [differs_on, states]
    evidence.to_csv(data_dir / "evidence.csv", index=False)


@pytest.mark.parametrize(
    ("differs_on", "states", "column", "expected"),
    [
        ("date", "", "states", "both differs_on and states, or neither"),
        ("", "1 May 2020", "differs_on", "both differs_on and states, or neither"),
        # One source's value alone is no difference: the other side needs its row too.
        ("amount", "US$5 bn", "differs_on", "another evidence row of this fact stating a different value"),
    ],
)
def test_the_validator_refuses_a_difference_with_one_side(
    data_copy: Path, differs_on: str, states: str, column: str, expected: str
) -> None:
    edit_evidence(data_copy, "M07", "usubaliev_2020", differs_on, states)
    with pytest.raises(DataError) as error:
        load_facts(data_copy)
    found = [p for p in error.value.problems if p.file.endswith("evidence.csv") and p.column == column]
    assert found and expected in found[0].expected


def test_a_figure_whose_sources_differ_on_its_amount_is_added_to_nothing() -> None:
    rows = figures(("X1", "A", 12, None, 2000, 2001, "aid", "R"), ("X2", "D", 7, None, 2003, 2003, "aid", "R"),
                   ("X3", "E", 5, None, 2004, 2004, "aid", "R"))  # fmt: skip
    assert add_up(rows, NO_SCOPES, (2000, 2010)).total == 24
    differing = rows.assign(amount_differs=[False, True, False])
    result = add_up(differing, NO_SCOPES, (2000, 2010))
    # The others still add up; the one whose sources differ stands apart, with the reason.
    assert (result.total, result.added) == (17, ("X1", "X3"))
    assert result.apart == (("X2", AMOUNT_DIFFERS),) and "X2 (its sources differ on the amount)" in result.apart_words()
    each = add_up_each(differing, ["currency", "status", "kind"], NO_SCOPES, (2000, 2010))
    assert each == {("USD", "R", "aid"): result}


@pytest.mark.parametrize(
    ("case", "rows", "aggregate", "total", "apart"),
    [
        ("an aggregate beside figures it covers, same recipient: they add up, it stands apart",
         [("T1", "A", 10, None, 2000, 2010, "aid", "R"), ("X1", "A", 3, None, 2005, 2005, "aid", "R"),
          ("X2", "A", 4, None, 2006, 2006, "aid", "R")],
         ["cumulative", None, None], 7, (("T1", HOLDS_OTHERS),)),
        ("an aggregate and a figure of a year it does not cover: added",
         [("T1", "A", 10, None, 2000, 2004, "aid", "R"), ("X1", "A", 3, None, 2005, 2005, "aid", "R")],
         ["cumulative", None], 13, ()),
        ("an aggregate and another recipient's figure: added",
         [("T1", "A", 10, None, 2000, 2010, "aid", "R"), ("X1", "D", 3, None, 2005, 2005, "aid", "R")],
         ["total", None], 13, ()),
        ("an aggregate and a figure of another kind: each its own group, nothing held",
         [("T1", "A", 10, None, 2000, 2010, "aid", "R"), ("X1", "A", 3, None, 2005, 2005, "inv", "R")],
         ["total", None], None, ()),
    ],
)  # fmt: skip
def test_an_aggregate_is_never_added_to_a_figure_it_may_hold(case, rows, aggregate, total, apart) -> None:
    frame = figures(*rows).assign(aggregate=aggregate)
    result = add_up(frame, NO_SCOPES, (2000, 2010))
    assert (result.total, result.apart) == (total, apart), case
    if frame["kind"].nunique() > 1:
        return  # add_up_each groups by kind: nothing to compare with one mixed add_up
    assert add_up_each(frame, ["currency", "status", "kind"], NO_SCOPES, (2000, 2010)) == {
        ("USD", "R", "aid"): result
    }, case


def test_kyrgyzstan_s_three_grants_are_not_added_to_their_own_total(bundled_facts: Facts) -> None:
    view = money_view(bundled_facts)
    grants = view[view["flow_id"].isin(["M31", "M32", "M49"])]
    result = add_up(grants, Scopes.from_table(bundled_facts.memberships), (2024, 2024))
    assert result.total == 2_153_000_000 + 1_500_000_000 and result.apart == (("M49", HOLDS_OTHERS),)
    # Alone, the total of the three is itself: nothing beside it to hold.
    assert add_up(grants[grants["flow_id"] == "M49"], Scopes.from_table(bundled_facts.memberships)).total == (
        4_212_000_000
    )


def test_an_aggregate_s_card_says_it_is_one(bundled_facts: Facts) -> None:
    cards = {c.fact_ids: c for c in central_asia_money(bundled_facts)}
    assert cards[("M49",)].status.endswith("· a total of several figures")
    assert cards[("M47",)].status.endswith("· a running total to a date")


def test_figures_stated_by_different_governments_are_kept_apart() -> None:
    rows = figures(("X1", "A", 12, None, 2000, 2001, "aid", "R"), ("X2", "D", 7, None, 2003, 2003, "aid", "R"))
    parties = rows.assign(stated_by=["JPN", "KAZ"])
    result = add_up(parties, NO_SCOPES, (2000, 2010), {"JPN": "Japan", "KAZ": "Kazakhstan"})
    assert result.total is None and "stated by different parties (Japan, Kazakhstan)" in result.reason
    assert add_up_each(parties, ["currency", "status", "kind"], NO_SCOPES, (2000, 2010), {
        "JPN": "Japan", "KAZ": "Kazakhstan"}) == {("USD", "R", "aid"): result}  # fmt: skip


def test_trade_is_not_japan_s_money(bundled_facts: Facts) -> None:
    assert "trade" not in japans_money_kinds(bundled_facts) and "loan" in japans_money_kinds(bundled_facts)
    # Compare: Kazakhstan's realised money is still its investment alone; its trade is a metric of its own.
    rows = compare_rows(bundled_facts, every_metric=True).set_index(["country_code", "metric_id"])
    assert rows.at[("KAZ", "money.realised"), "value"] == 5_500_000_000
    assert rows.at[("KAZ", "trade.realised"), "value"] == 2_000_000_000
    # The aid page leaves trade out by default and shows who states it when chosen.
    assert "M52" not in set(aid_rows(bundled_facts, currency="USD")["flow_id"])
    trade = aid_rows(bundled_facts, currency="USD", kind="trade").set_index("flow_id")
    assert trade.at["M52", "stated_by"] == "Kazakhstan" and trade.at["M52", "stated_by_code"] == "KAZ"


def test_the_aid_csv_marks_aggregates_and_who_states_each_figure(bundled_facts: Facts) -> None:
    rows = aid_rows(bundled_facts, every_recipient=True, currency="JPY").set_index("flow_id")
    assert rows.at["M47", "aggregate"] == "cumulative" and rows.at["M49", "aggregate"] == "total"
    assert pd.isna(rows.at["M31", "aggregate"]) and rows.at["M31", "stated_by"] == "Japan"
    seed = aid_rows(bundled_facts, every_recipient=True, currency="USD").set_index("flow_id")
    assert pd.isna(seed.at["M01", "stated_by"])  # an analysis: no government states it


def test_the_overview_counts_the_dialogue_from_the_official_record(bundled_facts: Facts) -> None:
    official = official_counts(bundled_facts)
    assert [c.fact_ids for c in official] == [("F06",), ("F07",), ("F08",), ("F09",), ("F10",)]
    assert official[0].number == 10 and official[0].source_id == "mofa_ja_2025_summit_announce"
    assert {c.fact_ids[0] for c in analysis_counts(bundled_facts)} == {"F01", "F02", "F03", "F04", "F05"}
    counted = dict(recorded_meetings(bundled_facts))
    # Nine numbered ministerial meetings and the video meeting of 2020: the ten MOFA counts (F06).
    assert counted["ministerial"] == 10 and counted["summit"] == 1
    assert "planned" not in counted  # the postponed 2024 summit is not counted as held


def test_the_overview_page_shows_both_kinds_of_count() -> None:
    at = open_app()
    headers = [h.value for h in at.header]
    assert "The dialogue in numbers: the official record" in headers
    assert "Counts in the August 2020 analysis" in headers
    assert any(c.value.startswith("Counted on the timeline") for c in at.caption)


def test_each_comparison_cell_says_how_many_sources_back_it(bundled_facts: Facts) -> None:
    data = compare_data.compare_data(bundled_facts)
    filters = dataclasses.replace(
        PARAMS.defaults(data.options), countries=("UZB", "KGZ"), metrics=("loan.committed",), currency="JPY"
    )
    evidence = bundled_facts.evidence
    for cell in comparison(data, filters):
        ids = {note.id for note in cell.notes}
        expected = evidence[(evidence["resource"] == "money") & evidence["key"].isin(ids)]["source_id"].nunique()
        assert len(cell_sources(cell.notes)) == expected > 0, cell.country_code
        hover = cell_hover(cell, data.options.metrics["loan.committed"])
        assert f"Backed by {expected} source" in hover.replace("<br>", " ")
    # Uzbekistan's loans: a loan's exchange of notes (MOFA) and its agreement (JICA) are two sources of one fact.
    uzbekistan = next(c for c in comparison(data, filters) if c.country_code == "UZB")
    assert {"mofa_ja_2024_uzb_loan_program", "jica_ja_2024_uzb_la_program"} <= set(cell_sources(uzbekistan.notes))
    rows = compare_rows(bundled_facts, every_metric=True, currency="JPY").set_index(["country_code", "metric_id"])
    assert "jica_ja_2024_uzb_la_program" in rows.at[("UZB", "loan.committed"), "source_ids"]


def test_the_point_the_sources_differ_on_is_in_the_readers_language(bundled_facts: Facts) -> None:
    # The Russian Overview card read "источники расходятся — amount: 18 млрд долл. США (…)".
    differ = "amount: US$18 billion (a); more than US$18 billion (b) | date: 19 December (a); 20 December (b)"
    assert differences_in_words(differ) == differ  # English: the codes are the words
    with use_language("ru"):
        words = differences_in_words(differ)
    assert words.startswith("сумма: US$18 billion (a)") and " | дата: 19 December (a)" in words, words
    with use_language("ru"):
        cards = key_figures_table(localise(bundled_facts, "ru"))
    differing = cards[cards["status"].str.contains("расходятся", na=False)]
    assert len(differing) and not differing["status"].str.contains("amount:").any()
