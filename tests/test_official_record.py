"""The bundled data holds the Dialogue's official record: every numbered Foreign Ministers' Meeting
through the 9th, the 2024 postponement and the 2025 summit, each backed by an official page."""

from __future__ import annotations

import pandas as pd

from core.facts import Facts
from core.i18n import use_language
from core.reference import source_facts_line, sources_by_publisher

OFFICIAL = "government record"


def _official_evidence(facts: Facts, event_ids: pd.Series) -> set[str]:
    kinds = facts.sources.set_index("source_id")["kind"].astype(str)
    rows = facts.evidence[(facts.evidence["resource"] == "events") & facts.evidence["key"].isin(event_ids)]
    return set(rows.loc[rows["source_id"].astype(str).map(kinds) == OFFICIAL, "key"].astype(str))


def test_every_numbered_foreign_ministers_meeting_through_the_ninth(bundled_facts: Facts) -> None:
    events = bundled_facts.events
    meetings = events[(events["kind"] == "ministerial") & events["series_number"].notna()]
    assert sorted(meetings["series_number"].astype(int)) == list(range(1, 10))
    assert set(meetings["date_precision"].astype(str)) <= {"day", "month"}
    assert _official_evidence(bundled_facts, meetings["event_id"]) == set(meetings["event_id"].astype(str))


def test_the_2024_postponement_and_the_2025_summit(bundled_facts: Facts) -> None:
    summits = bundled_facts.events[bundled_facts.events["kind"] == "summit"]
    by_status = dict(zip(summits["event_status"].astype(str), summits["date_start"].astype(str), strict=True))
    assert by_status["postponed"].startswith("2024-08") and by_status["held"] == "2025-12-20"
    assert _official_evidence(bundled_facts, summits["event_id"])  # the summit's own declaration, at least


def test_quotes_from_japanese_pages_carry_an_english_gloss(bundled_facts: Facts) -> None:
    language = (
        bundled_facts.evidence["source_id"]
        .astype(str)
        .map(bundled_facts.sources.set_index("source_id")["language"].astype(str))
    )
    japanese = bundled_facts.evidence[language == "ja"]
    assert len(japanese) >= 10 and japanese["gloss"].notna().all()


def test_sources_are_listed_by_publisher_with_their_facts(bundled_facts: Facts) -> None:
    groups = dict(sources_by_publisher(bundled_facts.sources, bundled_facts.evidence))
    mofa = groups["Ministry of Foreign Affairs of Japan"]
    assert len(mofa) >= 10 and all(entry.facts >= 1 for entry in mofa)
    assert list(groups)[-1] is None  # the seed names no publisher: listed last, as "not stated"
    seed = groups[None][0]
    # The 44 facts first entered and the two a second reading found (E67, E68).
    assert seed.source["source_id"] == "usubaliev_2020" and seed.facts == 46


def test_a_yearbooks_year_is_the_edition_its_title_states(bundled_facts: Facts) -> None:
    # A Diplomatic Bluebook's page prints no date; its year was taken from an event it states, and
    # the 2022 edition was cited as published in 1992.
    editions = bundled_facts.sources["title"].astype(str).str.extract(r"(?:外交青書|White Paper|Bluebook)\s*(\d{4})")[0]
    yearbooks = bundled_facts.sources[editions.notna()]
    assert len(yearbooks) >= 5  # three Bluebook sections, two ODA White Papers
    years = yearbooks["year"].astype(int).tolist()
    assert years == editions.dropna().astype(int).tolist(), dict(zip(yearbooks["source_id"], years, strict=True))


def test_a_page_that_prints_no_date_says_so_in_the_readers_language(bundled_facts: Facts) -> None:
    undated = bundled_facts.sources[bundled_facts.sources["date_as_given"] == "not stated"].iloc[0]
    assert "no date printed" in source_facts_line(undated, 1)
    with use_language("ru"):
        line = source_facts_line(undated, 1)
    assert "дата на странице не указана" in line and "not stated" not in line, line
    dated = bundled_facts.sources[bundled_facts.sources["source_id"] == "usubaliev_2020"].iloc[0]
    assert "dated August 2020" in source_facts_line(dated, 1)


def test_a_printed_day_month_year_gives_the_sources_year_and_month(bundled_facts: Facts) -> None:
    # AsiaPlus prints 28/03/2016; its month was empty, so the citations lost it.
    sources = bundled_facts.sources
    printed = sources["date_as_given"].astype("string").str.extract(r"^\d{1,2}/(\d{2})/(\d{4})$")
    dated = sources[printed[0].notna()]
    assert len(dated) >= 1
    assert dated["month"].astype(int).tolist() == printed[0].dropna().astype(int).tolist()
    assert dated["year"].astype(int).tolist() == printed[1].dropna().astype(int).tolist()
