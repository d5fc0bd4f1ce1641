"""The bundled data holds the Dialogue's official record: every numbered Foreign Ministers' Meeting
through the 9th, the 2024 postponement and the 2025 summit, each backed by an official page."""

from __future__ import annotations

import pandas as pd

from core.facts import Facts
from core.reference import sources_by_publisher

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
