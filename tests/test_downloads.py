"""Every page's download as a paper would use it: a tidy CSV that pandas and the csv module read
with numbers as numbers and gaps as empty cells, in a zip that `frictionless validate` accepts."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import frictionless
import pandas as pd
import pytest

from core import aid, timeline
from core.columns import COLUMNS, NOT_STATED_BY_SOURCE
from core.compare.data import compare_data
from core.compare.params import PARAMS as COMPARE
from core.compare.view import compare_view
from core.export import ViewDescription, citation_zip, dictionary_table, safe_csv
from core.facts import Facts
from core.formatting import NOT_STATED
from core.i18n import use_language
from core.overview import key_figures_table
from core.translations import localise
from core.url_state import QueryReader

TODAY = dt.date(2026, 11, 29)
REPO = Path(__file__).resolve().parents[1]


def aid_rows(facts: Facts, every_recipient: bool = False, **query: str) -> pd.DataFrame:
    """The aid page's CSV for a view given as its query string (as dashboard/app_pages/aid.py builds it)."""
    data = aid.data.aid_data(facts)
    options = aid.params.aid_options(facts)
    # Every recipient and every kind (trade both ways too, which the page leaves to choose): every figure.
    every = {"recipient": list(options.recipients), "kind": list(options.kinds)} if every_recipient else {}
    given = {k: [v] for k, v in query.items()} | every
    filters = aid.params.PARAMS.read(QueryReader(given), options)
    return aid.table.table(aid.data.filter_money(data.view, filters), filters.per_year, facts.sources)


def timeline_rows(facts: Facts, **query: str) -> pd.DataFrame:
    filters = timeline.params.PARAMS.read(
        QueryReader({k: [v] for k, v in query.items()}), timeline.params.timeline_options(facts)
    )
    return timeline.table.table(timeline.data.filter_events(timeline.data.event_view(facts), filters), facts.sources)


def compare_rows(facts: Facts, every_metric: bool = False, **query: str) -> pd.DataFrame:
    data = compare_data(facts)
    filters = COMPARE.read(QueryReader({k: [v] for k, v in query.items()}), data.options)
    if every_metric:
        filters = dataclasses.replace(filters, metrics=tuple(data.options.metrics))
    return compare_view(data, filters).csv


# Each page's downloads: its name, and how its CSV is built from the facts (default views, the
# per-year aid view, and views the filters leave empty).
VIEWS: dict[str, tuple[str, Callable[[Facts], pd.DataFrame]]] = {
    "aid-default": ("aid", lambda f: aid_rows(f)),
    "aid-time-per-year": ("aid", lambda f: aid_rows(f, chart="time", per_year="1")),
    "aid-empty": ("aid", lambda f: aid_rows(f, recipient="AFG", years="1954-1960")),
    "timeline-default": ("timeline", lambda f: timeline_rows(f)),
    "timeline-empty": ("timeline", lambda f: timeline_rows(f, q="no event says this")),
    "compare-default": ("compare", lambda f: compare_rows(f)),
    "compare-every-metric": ("compare", lambda f: compare_rows(f, every_metric=True)),
    "compare-empty-years": ("compare", lambda f: compare_rows(f, years="1950-1951")),
    "overview": ("overview", key_figures_table),
    "sources": ("sources", lambda f: dictionary_table(f.package)),
}


def unzip(frame: pd.DataFrame, page: str, facts: Facts, folder: Path) -> Path:
    view = ViewDescription(page, f"http://host/{page}?v={facts.version}", {"years": "all"}, ["money"], page)
    data = citation_zip(frame, f"{page}.csv", view, facts, TODAY)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
    return folder / "datapackage.json"


@pytest.mark.parametrize("case", list(VIEWS))
def test_the_zip_is_a_valid_data_package_of_the_csv(case: str, bundled_facts: Facts, tmp_path: Path) -> None:
    page, build = VIEWS[case]
    frame = build(bundled_facts)
    if case.endswith("empty") or case.endswith("empty-years"):
        assert frame.empty or case == "compare-empty-years"  # the comparison keeps a row per country and metric
    descriptor = unzip(frame, page, bundled_facts, tmp_path)
    report = frictionless.validate(descriptor)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    (resource,) = package["resources"]
    assert resource["path"] == f"{page}.csv" and resource["encoding"] == "utf-8-sig"
    assert [f["name"] for f in resource["schema"]["fields"]] == list(frame.columns)
    assert all(f["description"] and f["title"] for f in resource["schema"]["fields"])
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["homepage"].startswith("http://host/")
    assert all("title" in s and "author" in s for s in package["sources"])
    # The view's own sources, not every source of the data: a 4-row view's zip listed all 88.
    if "source_ids" in frame:
        cited = set(frame["source_ids"].dropna().str.split("; ").explode())
    elif "source_id" in frame:
        cited = set(frame["source_id"].dropna())
    else:  # the data dictionary draws on no fact: the whole package's sources
        cited = set(bundled_facts.sources["source_id"])
    assert len(package["sources"]) == len(cited) and (page == "sources" or len(cited) < len(bundled_facts.sources))
    readme = (descriptor.parent / "README.txt").read_text(encoding="utf-8")
    assert all(f"[{source_id}]" in readme for source_id in cited) and readme.count("\n  [") == len(cited)
    assert "shared" not in json.dumps(package["sources"])  # no path outside the repository


def test_the_cli_validates_a_zip_in_russian(bundled_facts: Facts, tmp_path: Path) -> None:
    # The command a reviewer runs, on a Russian download (translated cells, same columns).
    with use_language("ru"):
        russian = localise(bundled_facts, "ru")
        descriptor = unzip(aid_rows(russian), "aid", russian, tmp_path)
    result = subprocess.run(
        [str(Path(sys.executable).with_name("frictionless")), "validate", descriptor.name],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


# Columns each CSV must read back as numbers (pandas: an integer column with a gap reads as float).
NUMERIC = {
    "aid-default": ["amount", "year_start", "year_end"],
    "aid-time-per-year": ["amount", "amount_per_year", "year_start", "year_end"],
    "timeline-default": ["year_start", "year_end"],
    "compare-every-metric": ["value"],
    "overview": ["value", "year_start", "year_end"],
    "sources": ["minimum", "maximum"],
}


@pytest.mark.parametrize("case", list(NUMERIC))
def test_pandas_reads_numbers_as_numbers_and_gaps_as_missing(case: str, bundled_facts: Facts) -> None:
    frame = VIEWS[case][1](bundled_facts)
    data = safe_csv(frame)
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == list(frame.columns)
    for name in NUMERIC[case]:
        assert pd.api.types.is_numeric_dtype(back[name]), (name, back[name].dtype)
        assert back[name].isna().tolist() == frame[name].isna().tolist()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    for row, (_, original) in zip(rows, frame.iterrows(), strict=True):
        for name in NUMERIC[case]:
            assert (row[name] == "") == pd.isna(original[name])  # a gap is an empty cell, never words
    assert not (back[NUMERIC[case]].astype(str) == NOT_STATED).any().any()


def test_integer_columns_hold_integers(bundled_facts: Facts) -> None:
    rows = list(
        csv.DictReader(
            io.StringIO(safe_csv(aid_rows(bundled_facts, every_recipient=True, per_year="1")).decode("utf-8-sig"))
        )
    )
    m07 = next(r for r in rows if r["flow_id"] == "M07")
    assert m07["amount"] == "5500000000" and m07["amount_per_year"] == "366666667"
    assert (m07["year_start"], m07["year_end"], m07["year_end_status"]) == ("2005", "2019", "stated")
    m01 = next(r for r in rows if r["flow_id"] == "M01")
    assert (m01["year_end"], m01["year_end_status"], m01["qualifier"]) == ("", NOT_STATED_BY_SOURCE, "some")


def test_every_note_of_the_money_table_reaches_the_aid_csv(bundled_facts: Facts) -> None:
    # Every recipient, not only the default Central Asian ones, in every currency: every figure of the money table.
    currencies = bundled_facts.money["currency"].astype(str).unique()
    rows = pd.concat([aid_rows(bundled_facts, every_recipient=True, currency=c) for c in currencies], ignore_index=True)
    assert len(rows) == len(bundled_facts.money)
    back = pd.read_csv(io.BytesIO(safe_csv(rows)), encoding="utf-8-sig", keep_default_na=False)
    notes = bundled_facts.money.set_index("flow_id")["note"].dropna()
    assert len(notes) > 0
    written = back.set_index("flow_id")["note"]
    for flow_id, note in notes.items():
        assert written[flow_id] == note
    assert any("still unknown how these projects have been implemented" in n for n in written)
    assert any("6.5, billion" in n for n in written)


def test_aid_csv_has_codes_beside_labels_and_a_citation_per_row(bundled_facts: Facts) -> None:
    rows = aid_rows(bundled_facts).set_index("flow_id")
    assert (rows.loc["M07", "kind_code"], rows.loc["M07", "kind"]) == ("investment", "Investment")
    assert rows.loc["M07", "status_code"] == "realised" and rows.loc["M07", "recipient_code"] == "KAZ"
    assert rows["citation"].str.contains("¶17").any()
    assert rows.loc["M07", "citation"].startswith("Usubaliev, Esen (2020).")
    assert rows.loc["M07", "citation"].endswith(f"{rows.loc['M07', 'locator']}: “{rows.loc['M07', 'quote']}”.")


def test_timeline_csv_keeps_ids_with_labels_beside_them(bundled_facts: Facts) -> None:
    rows = timeline_rows(bundled_facts)
    assert set(rows["date_precision"]) <= {"day", "month", "year", "span", "not_stated"}
    undated = rows[rows["date_precision"] == "not_stated"]
    assert len(undated) and undated["year_start"].isna().all()
    assert rows["category_code"].notna().all() and rows["category"].notna().all()
    assert rows["citation"].notna().all()


def test_compare_csv_is_one_row_per_country_and_metric_with_money_as_numbers(bundled_facts: Facts) -> None:
    rows = compare_rows(bundled_facts, every_metric=True)
    assert not rows.duplicated(["country_code", "metric_id"]).any()
    kaz = rows[rows["country_code"] == "KAZ"].set_index("metric_id")
    assert kaz.loc["money.realised", "value"] == 5_500_000_000
    assert kaz.loc["money.realised", "value_status"] == "stated"
    assert kaz.loc["companies", "qualifier"] == "more than" and kaz.loc["companies", "value"] == 70
    gaps = rows[rows["value_status"] == "not_stated"]
    assert len(gaps) and gaps["value"].isna().all()
    assert set(rows["value_status"]) <= {"stated", "no_total", "not_stated", "text"}
    # A list-valued cell joins its items with the separator its description names.
    assert "'; '" in COLUMNS["fact_ids"].description


@pytest.mark.parametrize("case", list(VIEWS))
def test_every_column_written_is_described(case: str, bundled_facts: Facts) -> None:
    # A column core.columns does not know would reach datapackage.json with a made-up description.
    frame = VIEWS[case][1](bundled_facts)
    assert [name for name in frame.columns if name not in COLUMNS] == []


def test_hostile_text_in_a_tidy_csv_is_still_neutralised(bundled_facts: Facts) -> None:
    rows = aid_rows(bundled_facts).head(2).copy()
    rows["note"] = pd.array(['=HYPERLINK("http://x")', "-1+1"], dtype="string")
    back = list(csv.DictReader(io.StringIO(safe_csv(rows).decode("utf-8-sig"))))
    assert [r["note"] for r in back] == ['\'=HYPERLINK("http://x")', "'-1+1"]
    assert back[0]["amount"].isdigit()


@pytest.mark.parametrize("case", ["aid-time-per-year", "timeline-default", "compare-default", "overview", "sources"])
def test_the_downloads_doc_names_every_column_of_each_pages_csv(case: str, bundled_facts: Facts) -> None:
    # docs/downloads.md's aid row lacked four columns added with the official record.
    page, build = VIEWS[case]
    doc = (REPO / "docs" / "downloads.md").read_text(encoding="utf-8")
    row = next(line for line in doc.splitlines() if line.startswith("| ") and f"(`{page}_" in line)
    named = set(re.findall(r"[a-z_]+", " ".join(re.findall(r"`([^`]*)`", row))))
    missing = [column for column in build(bundled_facts).columns if column not in named]
    assert not missing, f"docs/downloads.md's {page} row does not name {missing}"
