"""Region and members, one rule: a fact about a group as a whole is shown apart and counted for no
single member, whatever codes it was recorded with (the group's, or every member's).

On a small generated data set (the bundled vocabularies, actors and memberships, with events written
here) and on the bundled data, in the core and on the page.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import pytest

from core.compare import data as compare_data
from core.compare.cells import NotStated, Stated, comparison
from core.compare.params import PARAMS, REGION_RULE
from core.compare.regional import regional_events
from core.facts import Facts, load_facts
from tests.apptest_support import open_app
from tests.conftest import edit_csv

FIVE = "KAZ;KGZ;TJK;TKM;UZB"
COLUMNS = ["event_id", "year_start", "year_end", "date_start", "date_end", "date_precision", "category", "countries",
           "title", "kind", "series_number", "city", "host_code", "chair", "event_status", "outcome",
           "description"]  # fmt: skip


def events(region_as_code: str, region_as_members: str) -> list[tuple[str, int, str, str]]:
    """(id, year, category, countries): R1 and R2 are the region's; the others a state's own."""
    return [
        ("R1", 2010, "dialogue", region_as_code),
        ("P1", 2011, "dialogue", "KAZ;KGZ;TJK;TKM"),  # four of the five: each state's own, not the region
        ("R2", 2012, "outcome_document", region_as_members),
        ("A1", 2013, "security", "AFG;USA"),  # SSEA_AF lists AFG alone: naming AFG is not naming SSEA_AF
        ("R3", 2014, "other_platform", f"USA;{FIVE}"),  # the region and a state outside it
        ("O1", 2015, "visit_deal", "JPN;KAZ"),
        ("S1", 2016, "security", "TJK"),
    ]


def write_events(data_dir: Path, rows: list[tuple[str, int, str, str]]) -> Path:
    with (data_dir / "events.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for event_id, year, category, countries in rows:
            writer.writerow([event_id, year, year, "", "", "year", category, countries, f"Event {event_id}",
                             "", "", "", "", "", "", "", "d"])  # fmt: skip
    # Each event's evidence; the other tables' evidence as bundled.
    evidence = data_dir / "evidence.csv"
    kept = [line for line in evidence.read_text(encoding="utf-8").splitlines() if not line.startswith("events,")]
    made = [f"events,{event_id},usubaliev_2020,a quote,¶3,,,," for event_id, *_rest in rows]
    evidence.write_text("\n".join([*kept, *made]) + "\n", encoding="utf-8")
    return data_dir


@pytest.fixture(params=["R1 as CA5, R2 as the five codes", "R1 as the five codes, R2 as CA5"])
def small(request, data_copy: Path) -> Path:
    recorded = ("JPN;CA5", f"JPN;{FIVE}")
    return write_events(data_copy, events(*(recorded if request.param.startswith("R1 as CA5") else recorded[::-1])))


COUNTS = {"KAZ": 2, "KGZ": 1, "TJK": 2, "TKM": 1, "UZB": 0, "USA": 2, "AFG": 1}


def test_region_wide_events_count_for_no_state_however_recorded(small: Path) -> None:
    data = compare_data.compare_data(load_facts(small))
    filters = dataclasses.replace(PARAMS.defaults(data.options), countries=tuple(COUNTS))
    cells = {(c.country_code, c.metric): c for c in comparison(data, filters)}
    assert {code: cells[(code, "events")].value for code in COUNTS} == COUNTS
    assert [n.id for n in cells[("KAZ", "events")].notes] == ["O1", "P1"]
    assert [n.id for n in cells[("USA", "events")].notes] == ["R3", "A1"]  # not a member: R3 is its own
    assert cells[("TJK", "security")].value == 1 and cells[("KAZ", "latest")].text == "Event O1 (2015)"
    uzbekistan = cells[("UZB", "latest")]
    assert isinstance(uzbekistan.state, NotStated)
    assert "events of its region as a whole are shown apart" in uzbekistan.state.gap
    assert regional_events(data, filters)["event_id"].tolist() == ["R1", "R2", "R3"]


def test_the_page_counts_and_lists_them_the_same_however_recorded(small: Path, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(small))
    at = open_app("app_pages/compare.py", country=list(COUNTS), metric=["events", "latest"])
    shown = at.dataframe[-1].value.set_index("code")
    assert shown["Dated events"].to_dict() == COUNTS
    listed = " ".join(c.value for c in at.caption if c.value.startswith("Events that name a region"))
    assert all(f"Event {e}" in listed for e in ("R1", "R2", "R3")) and "Event P1" not in listed
    assert REGION_RULE in " ".join(c.value for c in at.caption).replace("A fact", "a fact")


def test_a_group_is_named_by_its_code_or_all_of_its_members(bundled_facts: Facts) -> None:
    scopes = compare_data.compare_data(bundled_facts).scopes
    assert scopes.whole_groups(["JPN", "CA5"]) == {"CA5"}
    assert scopes.whole_groups(FIVE.split(";")) == {"CA5"}
    assert scopes.whole_groups(["KAZ", "KGZ", "TJK", "TKM"]) == set()
    assert scopes.whole_groups(["AFG", "USA"]) == set()  # SSEA_AF's one listed member is not the group
    assert scopes.whole_groups(["SSEA_AF"]) == {"SSEA_AF"}


def test_bundled_events_of_the_region_count_for_no_state(bundled_facts: Facts) -> None:
    data = compare_data.compare_data(bundled_facts)
    filters = PARAMS.defaults(data.options)
    cells = {(c.country_code, c.metric): c for c in comparison(data, filters)}
    # Tajikistan's own: diplomatic relations (1992, E38) and Kawaguchi's 2004 tour (E39); every Dialogue
    # meeting names all five states and is the region's, not Tajikistan's.
    assert cells[("TJK", "events")].state == Stated(2) and cells[("TJK", "latest")].state == Stated(2004)
    assert {code: cells[(code, "events")].value for code in filters.countries} == {
        "KAZ": 3, "KGZ": 5, "TJK": 2, "TKM": 1, "UZB": 5
    }  # fmt: skip
    region = regional_events(data, filters)
    five = {"KAZ", "KGZ", "TJK", "TKM", "UZB"}
    names_all = bundled_facts.events["countries"].astype(str).map(lambda c: five <= set(c.split(";")) or "CA5" in c)
    dated = bundled_facts.events["year_start"].notna()
    assert set(region["event_id"]) == set(bundled_facts.events.loc[names_all & dated, "event_id"])
    assert region["year_start"].is_monotonic_increasing  # in date order


def test_bundled_events_recorded_the_other_way_count_the_same(data_copy: Path, bundled_facts: Facts) -> None:
    edit_csv(data_copy / "events.csv", "E08,2006,2006,,,year,outcome_document,JPN;CA5,", f"E08,2006,2006,,,year,"
             f"outcome_document,JPN;{FIVE},")  # fmt: skip
    dated = "E06,2004,2004,2004-08-28,,day,dialogue,"
    edit_csv(data_copy / "events.csv", f"{dated}JPN;{FIVE},", f"{dated}JPN;CA5,")
    before, after = compare_data.compare_data(bundled_facts), compare_data.compare_data(load_facts(data_copy))
    filters = PARAMS.defaults(before.options)
    assert [c.value for c in comparison(after, filters)] == [c.value for c in comparison(before, filters)]
    assert regional_events(after, filters)["event_id"].tolist() == regional_events(before, filters)["event_id"].tolist()


def test_the_rule_is_stated_on_the_page_and_in_the_readme_summary() -> None:
    assert dict(PARAMS.notes)["regions and groups"].startswith(REGION_RULE)
    at = open_app("app_pages/compare.py")
    captions = " ".join(c.value for c in at.caption)
    assert "Shown here: Central Asian states: Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan" in (
        captions.replace("\\", "")
    )
