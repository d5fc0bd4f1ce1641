"""Hostile data directories: each gives a clear error or is shown as plain text; none hangs (a hang
fails its test at the time limit every test has, pytest-timeout's in pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.facts import load_facts
from core.problems import DataError
from tests.apptest_support import PAGES, open_app
from tests.hostile import FORMULA, SCRIPT, poison


def problems_of(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_facts(data_dir)
    return [str(p) for p in caught.value.problems]


def test_hostile_text_loads_as_data(data_copy: Path) -> None:
    poison(data_copy)
    facts = load_facts(data_copy)
    assert SCRIPT in set(facts.events["title"]) and FORMULA in set(facts.money["description"])


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_hostile_text_without_error(page: str, data_copy: Path, monkeypatch) -> None:
    poison(data_copy)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    at = open_app(page, timeout=60)  # which asserts that no exception was raised
    assert not at.error
    # Markdown that carries data is escaped: no live link, image or HTML reaches the page.
    for element in [*at.markdown, *at.caption]:
        assert "](javascript:" not in element.value and "<script>" not in element.value


def test_a_huge_descriptor_is_refused_before_parsing(data_copy: Path) -> None:
    with (data_copy / "datapackage.yaml").open("ab") as handle:
        handle.write(b"# " + b"x" * (200 * 1024 * 1024) + b"\n")
    (problem,) = problems_of(data_copy)
    assert "under 1,000,000 bytes" in problem


def test_a_200_mb_table_of_one_endless_line_gives_an_error(data_copy: Path) -> None:
    with (data_copy / "events.csv").open("ab") as handle:
        chunk = b"y" * (1024 * 1024)
        for _ in range(200):
            handle.write(chunk)
    problems = problems_of(data_copy)
    assert any(p.startswith("events.csv") and "never closed" in p for p in problems), problems


def test_an_unclosed_quote_is_named(data_copy: Path) -> None:
    path = data_copy / "money.csv"
    text = path.read_text(encoding="utf-8").replace(',"Between 1993', ",Between 1993", 1)
    path.write_text(text * 4000, encoding="utf-8")  # over a 1 MB block, so the open quote swallows it
    problems = problems_of(data_copy)
    assert any(p.startswith("money.csv") for p in problems), problems


def test_ten_thousand_columns_are_refused(data_copy: Path) -> None:
    header = ",".join(f"c{i}" for i in range(10_000))
    (data_copy / "figures.csv").write_text(header + "\n" + ",".join("1" * 10_000) + "\n", encoding="utf-8")
    problems = problems_of(data_copy)
    assert any("at most 200 columns, not 10000" in p for p in problems)


def test_nul_bytes_are_reported_not_crashed_on(data_copy: Path) -> None:
    # No text holds a NUL byte: the file is damaged there, so every cell that has one is named.
    path = data_copy / "actors.csv"
    damaged = path.read_bytes().replace(b"Kazakhstan", b"Kaza\x00khstan").replace(b"Japan's ally", b"Japan's\x00ally")
    path.write_bytes(damaged)
    fix = "text without NUL bytes (\\x00): delete them from the cell"
    assert problems_of(data_copy) == [
        f"actors.csv, row 2, column 'name': found 'Kaza\\x00khstan'; {fix}",
        f"actors.csv, row 8, column 'note': found \"Japan's\\x00ally; the source also calls it the US.\"; {fix}",
    ]
