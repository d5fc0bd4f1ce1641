"""CSV and zip exports: formulas neutralised, numbers and non-Latin text intact."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pandas as pd
import pytest
import yaml

from core.export import BOM, ViewDescription, citation_zip, file_name, neutralise_formulas, safe_csv
from core.facts import Facts

TRICKY = pd.DataFrame(
    {
        "text": ["=HYPERLINK(\"http://x\")", "+cmd", "-1+1", "@SUM(A1)", "\tTab", "\rCR", "plain, with comma",
                 'say "hi"', "line\nbreak", "Казахстан", "日本", "ok"],
        "amount": pd.array([-5, 0, 12, None, 1, 2, 3, 4, 5, 6, 7, 8], dtype="Int64"),
        "ratio": [-0.5, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0],
    }
)  # fmt: skip


def read_back(data: bytes) -> list[list[str]]:
    assert data.startswith(BOM.encode("utf-8"))
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_formula_cells_are_neutralised_and_the_rest_kept() -> None:
    rows = read_back(safe_csv(TRICKY))
    assert rows[0] == ["text", "amount", "ratio"]
    texts = [r[0] for r in rows[1:]]
    assert texts[:6] == ['\'=HYPERLINK("http://x")', "'+cmd", "'-1+1", "'@SUM(A1)", "'\tTab", "'\rCR"]
    assert texts[6:] == ["plain, with comma", 'say "hi"', "line\nbreak", "Казахстан", "日本", "ok"]
    assert not any(t[:1] in {"=", "+", "-", "@", "\t", "\r"} for t in texts)


def test_numbers_negative_ones_included_are_untouched() -> None:
    rows = read_back(safe_csv(TRICKY))
    assert [r[1] for r in rows[1:5]] == ["-5", "0", "12", ""]
    assert rows[1][2] == "-0.5"


def test_neutralising_does_not_change_the_frame_it_was_given() -> None:
    before = TRICKY.copy()
    neutralise_formulas(TRICKY)
    pd.testing.assert_frame_equal(TRICKY, before)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["KAZ", "1993-2001"], "aid_KAZ_1993-2001_2026-11-28.csv"),
        (["a/b\\c", ""], "aid_a-b-c_2026-11-28.csv"),
        (["Казахстан"], "aid_2026-11-28.csv"),
    ],
)
def test_file_name(parts, expected) -> None:
    assert file_name("aid", parts, dt.date(2026, 11, 28)) == expected


def test_citation_zip_holds_csv_metadata_and_readme(bundled_facts: Facts) -> None:
    facts = bundled_facts
    view = ViewDescription("Aid", "http://h/aid?v=" + facts.version, {"years": "1993-2001"}, ["money"])
    data = citation_zip(TRICKY, "aid.csv", view, facts, dt.date(2026, 11, 28))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["README.txt", "aid.csv", "datapackage.json"]
        assert archive.read("aid.csv") == safe_csv(TRICKY)
        meta = json.loads(archive.read("datapackage.json"))
        readme = archive.read("README.txt").decode("utf-8")
    assert meta["version"] == facts.version and meta["homepage"] == view.permalink
    (resource,) = meta["resources"]
    assert resource["path"] == "aid.csv" and resource["encoding"] == "utf-8-sig"
    # The licence travels with the data, in the descriptor's own words.
    licenses = yaml.safe_load((facts.data_dir / "datapackage.yaml").read_text(encoding="utf-8"))["licenses"]
    assert meta["licenses"] == licenses == [
        {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
         "path": "https://creativecommons.org/licenses/by/4.0/"}
    ]  # fmt: skip
    fields = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
    assert fields == {"text": "string", "amount": "integer", "ratio": "number"}
    assert resource["schema"]["missingValues"] == [""]
    for words in (view.permalink, "years: 1993-2001", f"Data version: {facts.version}", "Retrieved: 2026-11-28",
                  "Usubaliev, Esen (August 2020)", "Suggested citation"):  # fmt: skip
        assert words in readme


def test_fact_citation_names_author_year_title_locator_and_quote(bundled_facts) -> None:
    from core.reference import fact_citation

    source = bundled_facts.sources.iloc[0]
    line = fact_citation(source, "¶17", "amounted to $ 5.5 billion")
    assert line.startswith("Usubaliev, Esen (2020). Central Asia plus Japan: the fact of the meeting")
    assert line.endswith("¶17: “amounted to $ 5.5 billion”.")


def test_citation_zip_takes_extra_files_beside_the_package(bundled_facts: Facts) -> None:
    view = ViewDescription("Aid", "http://h/aid", {}, ["money"], "aid")
    data = citation_zip(TRICKY, "aid.csv", view, bundled_facts, dt.date(2026, 11, 28), {"cite.bib": "@misc{x}"})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["README.txt", "aid.csv", "cite.bib", "datapackage.json"]
        assert archive.read("cite.bib") == b"@misc{x}"
        assert json.loads(archive.read("datapackage.json"))["resources"][0]["name"] == "aid"
