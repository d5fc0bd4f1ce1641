"""The loader accepts the bundled data and names every problem of a broken directory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from core.facts import Facts, load_facts
from core.problems import DataError, Problem
from tests.conftest import edit_csv


def test_bundled_data_loads_typed(bundled_facts: Facts) -> None:
    facts = bundled_facts
    assert set(facts.tables) >= {"money", "events", "actors", "sources", "figures", "principles"}
    assert facts.money["amount"].dtype == "Int64"
    assert facts.events["year_start"].dtype == "Int64"
    # Missing is not zero: the ODA figure has a start year and no end year.
    oda = facts.money.set_index("flow_id").loc["M01"]
    assert oda["year_start"] == 1954 and pd.isna(oda["year_end"])
    assert len(facts.version) == 12


def test_tajikistan_s_money_comes_from_official_pages_only(bundled_facts: Facts) -> None:
    # The seed names no figure for Tajikistan; every one it has now is an official page's.
    money = bundled_facts.money[bundled_facts.money["recipient_code"] == "TJK"]
    assert len(money) >= 5 and money["official"].all() and set(money["currency"]) == {"JPY"}


def _missing_column(d: Path) -> None:
    text = (d / "money.csv").read_text(encoding="utf-8").splitlines()
    rows = [",".join(line.split(",")[:-1]) if i == 0 else line for i, line in enumerate(text)]
    # Drop the header's last name only: every row then has one field too many, and the column is gone.
    (d / "money.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def _non_utf8(d: Path) -> None:
    (d / "events.csv").write_bytes((d / "events.csv").read_bytes().replace(b"Andijan", b"Andi\xffjan"))


def _yaml_error(d: Path) -> None:
    text = (d / "datapackage.yaml").read_text(encoding="utf-8")
    (d / "datapackage.yaml").write_text(text.replace("resources:\n", "resources: [\n", 1), encoding="utf-8")


def _empty_file(d: Path) -> None:
    (d / "figures.csv").write_text("", encoding="utf-8")


def _ragged_row(d: Path) -> None:
    edit_csv(d / "actors.csv", "KOR,South Korea,state,partner,\n", "KOR,South Korea,state\n")


# (name, how to break the data, file, row, column, words the message must contain)
CASES: list[tuple[str, Callable[[Path], None], str, int | None, str | None, str]] = [
    ("missing column", _missing_column, "money.csv", 1, "note", "a column 'note'"),
    (
        "wrong type",
        lambda d: edit_csv(d / "money.csv", ",5500000000,", ",5.5 bn,"),
        "money.csv", 8, "amount", "a whole number",
    ),
    (
        "unknown country code",
        lambda d: edit_csv(d / "money.csv", "M07,JPN,KAZ,", "M07,JPN,KZX,"),
        "money.csv", 8, "recipient_code", "a code listed in actors.csv",
    ),
    (
        "unknown code in an event's list",
        lambda d: edit_csv(d / "events.csv", "security,UZB,Andijan", "security,UZB;XYZ,Andijan"),
        "events.csv", 8, "countries", "codes listed in actors.csv",
    ),
    (
        "duplicate id",
        lambda d: edit_csv(d / "money.csv", "M08,JPN,UZB", "M07,JPN,UZB"),
        "money.csv", 9, "flow_id", "unique",
    ),
    (
        "dangling source id",
        lambda d: edit_csv(d / "evidence.csv", "figures,F01,usubaliev_2020", "figures,F01,nobody_1999"),
        "evidence.csv", 36, "source_id", "a source_id listed in sources.csv",
    ),
    (
        "negative amount",
        lambda d: edit_csv(d / "money.csv", ",3000000000,", ",-3000000000,"),
        "money.csv", 5, "amount", ">= 0",
    ),
    (
        "start after end",
        lambda d: edit_csv(d / "money.csv", ",approximately,,1993,2001,", ",approximately,,2001,1993,"),
        "money.csv", 3, "year_end", "a last year >= the first year",
    ),
    (
        "year out of range",
        lambda d: edit_csv(d / "events.csv", "E01,1951,1951,", "E01,195,195,"),
        "events.csv", 2, "year_start", ">= 1900",
    ),
    (
        "empty quote",
        lambda d: edit_csv(d / "evidence.csv", "the events in Andijan, Uzbekistan (2005)\",¶11", "\",¶11"),
        "evidence.csv", 18, "quote", "Quote is required",
    ),
    (
        "whole number too big for 64 bits",
        lambda d: edit_csv(d / "money.csv", ",5500000000,", ",99999999999999999999999,"),
        "money.csv", 8, "amount", "that fits in 64 bits",
    ),
    (
        "malformed year among repeated years",
        lambda d: edit_csv(d / "events.csv", "E07,2005,2005,", "E07,20x5,2005,"),
        "events.csv", 8, "year_start", "a whole number >= 1900",
    ),
    (
        "day precision without its day",
        lambda d: edit_csv(d / "events.csv", "E07,2005,2005,,,year,", "E07,2005,2005,,,day,"),
        "events.csv", 8, "date_precision", "a date_start YYYY-MM-DD in year_start",
    ),
    (
        "day in another year than year_start",
        lambda d: edit_csv(d / "events.csv", "E07,2005,2005,,,year,", "E07,2005,2005,2006-05-13,,day,"),
        "events.csv", 8, "date_precision", "a date_start YYYY-MM-DD in year_start",
    ),
    (
        "quote longer than 200 characters",
        lambda d: edit_csv(d / "evidence.csv", "the events in Andijan, Uzbekistan (2005)", "the events " * 20),
        "evidence.csv", 18, "quote", "of at most 200 characters",
    ),
    (
        "quote from a Japanese source in English words",
        lambda d: edit_csv(d / "sources.csv", ",August 2020,en,", ",August 2020,ja,"),
        "evidence.csv", 2, "quote", "a quote in the source's language (ja)",
    ),
    (
        # The comparison's CSV joins a cell's quotes with " | ": a table row written "label | value"
        # split into two quotes there, one of them with no fact id.
        "quote holding the separator of a download's quotes",
        lambda d: edit_csv(d / "evidence.csv", "the events in Andijan, Uzbekistan (2005)", "the events | in Andijan"),
        "evidence.csv", 18, "quote", "a quote without '|', which separates quotes in a download",
    ),
    (
        "fact with no evidence",
        lambda d: edit_csv(d / "evidence.csv", "figures,F01,", "figures,F99,"),
        "figures.csv", 2, "figure_id", "at least one row in evidence.csv with resource figures",
    ),
    (
        "evidence naming no fact",
        lambda d: (d / "evidence.csv").write_text((d / "evidence.csv").read_text(encoding="utf-8") + "figures,F99,"
            "usubaliev_2020,more than 70 companies with Japanese capital operating in Kazakhstan,¶17,,,,\n",
            encoding="utf-8"),
        "evidence.csv", None, "key", "the key of a row of the table named in 'resource'",
    ),
    (
        "two rows with one composite key",
        lambda d: edit_csv(d / "memberships.csv", "CA5,KGZ,definition", "CA5,KAZ,definition"),
        "memberships.csv", 3, "group_code + member_code", "a combination of group_code and member_code not used",
    ),
    ("non-UTF-8 file", _non_utf8, "events.csv", 8, None, "UTF-8"),
    ("YAML syntax error", _yaml_error, "datapackage.yaml", None, None, "valid YAML"),
    ("empty file", _empty_file, "figures.csv", 1, None, "the file is empty"),
    ("ragged row", _ragged_row, "actors.csv", 11, None, "5 fields as in the header, not 3"),
    (
        "licence with neither name nor path",
        lambda d: edit_csv(d / "datapackage.yaml", "  - name: CC-BY-4.0\n    title: Creative Commons Attribution 4.0\n"
                           "    path: https://creativecommons.org/licenses/by/4.0/\n", "  - title: CC BY\n"),
        "datapackage.yaml", None, "licenses[0]", "each with a name or a path",
    ),
    (
        "a group that contains itself through a member",
        lambda d: (d / "memberships.csv").write_text(
            (d / "memberships.csv").read_text(encoding="utf-8") + "KAZ,CA5,source,\n", encoding="utf-8"),
        "memberships.csv", 2, "member_code", "no group that contains itself",  # every row of the cycle: 2 and 8
    ),
    (
        "a membership of an unknown actor",
        lambda d: edit_csv(d / "memberships.csv", "SSEA_AF,AFG,", "SSEA_AF,AFX,"),
        "memberships.csv", 7, "member_code", "a code listed in actors.csv",
    ),
    (
        "a basis the rule does not know",
        lambda d: edit_csv(d / "memberships.csv", "SSEA_AF,AFG,definition", "SSEA_AF,AFG,probably"),
        "memberships.csv", 7, "basis", "one of",
    ),
]  # fmt: skip


def _problems(data_dir: Path) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load_facts(data_dir)
    return caught.value.problems


@pytest.mark.parametrize(("name", "breaks", "file", "row", "column", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_malformed_directory_names_its_problem(
    data_copy: Path,
    name: str,
    breaks: Callable[[Path], None],
    file: str,
    row: int | None,
    column: str | None,
    words: str,
) -> None:
    breaks(data_copy)
    problems = _problems(data_copy)
    matching = [p for p in problems if p.file == file and words in p.expected]
    assert matching, f"no problem in {file} saying {words!r}; got: {[str(p) for p in problems]}"
    problem = matching[0]
    if row is not None:
        assert problem.row == row, str(problem)
    if column is not None:
        assert problem.column == column, str(problem)
    # The message a person reads names the file and says what was expected.
    assert file in str(problem) and words in str(problem)


def test_every_problem_of_a_directory_is_reported_together(data_copy: Path) -> None:
    edit_csv(data_copy / "money.csv", ",3000000000,", ",-3000000000,")
    edit_csv(data_copy / "money.csv", "M08,JPN,UZB", "M07,JPN,UZB")
    edit_csv(data_copy / "events.csv", "E01,1951,1951,", "E01,1951,1950,")
    _ragged_row(data_copy)
    edit_csv(data_copy / "actors.csv", "TUR,Turkey,state,other,", "TUR,Turkey,state,ally,")
    problems = _problems(data_copy)
    # Rows after a skipped ragged row keep their own row numbers.
    assert any(p.file == "actors.csv" and p.column == "role" and p.row == 15 and p.value == "ally" for p in problems)
    found = {(p.file, p.column) for p in problems}
    assert {("money.csv", "amount"), ("money.csv", "flow_id"), ("events.csv", "year_end")} <= found
    assert any(p.file == "actors.csv" and p.row == 11 for p in problems)


def test_the_bad_value_is_quoted_in_the_message(data_copy: Path) -> None:
    edit_csv(data_copy / "money.csv", ",5500000000,", ",5.5 bn,")
    (problem,) = [p for p in _problems(data_copy) if p.column == "amount"]
    assert problem.value == "5.5 bn"
    assert str(problem) == "money.csv, row 8, column 'amount': found '5.5 bn'; a whole number >= 0"


def test_many_rows_with_one_problem_are_summed_up(data_copy: Path) -> None:
    lines = (data_copy / "principles.csv").read_text(encoding="utf-8").splitlines()
    bad = [line.rsplit(",", 1)[0] + ",next year" for line in lines[1:]] * 3  # year is the last column
    (data_copy / "principles.csv").write_text("\n".join([lines[0], *bad]) + "\n", encoding="utf-8")
    problems = [p for p in _problems(data_copy) if p.column == "year"]
    assert len(problems) == 11
    assert "and 14 more rows" in problems[-1].expected


def test_a_missing_table_file_is_named(data_copy: Path) -> None:
    (data_copy / "events.csv").unlink()
    assert any(p.file == "events.csv" and "as datapackage.yaml lists" in p.expected for p in _problems(data_copy))


def test_a_link_to_a_file_outside_the_directory_is_refused(data_copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.csv"
    outside.write_bytes((data_copy / "figures.csv").read_bytes())
    (data_copy / "figures.csv").unlink()
    (data_copy / "figures.csv").symlink_to(outside)
    assert any("not a link to a file elsewhere" in p.expected for p in _problems(data_copy))


def test_yaml_aliases_are_refused_before_they_expand(data_copy: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    (data_copy / "datapackage.yaml").write_text(bomb, encoding="utf-8")
    (problem,) = _problems(data_copy)
    assert "aliases" in problem.expected


def test_a_missing_directory_says_how_to_point_at_one(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path / "nowhere")
    assert "DASHBOARD_DATA_DIR" in problem.expected


def test_numbers_with_a_plus_sign_are_read_exactly(data_copy: Path) -> None:
    # Arrow refuses '+5'; the slow path reads it, exactly, like any other whole number.
    edit_csv(data_copy / "money.csv", ",5500000000,", ",+5500000000,")
    facts = load_facts(data_copy)
    assert facts.money.set_index("flow_id").loc["M07", "amount"] == 5_500_000_000


@pytest.mark.parametrize("seed", range(5))
def test_repeated_ids_are_found_as_pandas_finds_them(seed: int) -> None:
    import numpy as np

    from core.validation import _repeated

    rng = np.random.default_rng(seed)
    ids = pd.Series([f"M{n}" for n in rng.integers(0, 60, 80)], dtype="str")
    assert _repeated(ids).tolist() == ids.duplicated(keep="first").tolist()
    assert _repeated(ids).any()  # the case under test: some repeat
    distinct = pd.Series([f"M{n}" for n in range(50)], dtype="str")
    assert not _repeated(distinct).any()


def test_a_repeated_composite_key_is_shown_as_its_fields(data_copy: Path) -> None:
    edit_csv(data_copy / "memberships.csv", "CA5,KGZ,definition", "CA5,KAZ,definition")
    repeated = [p for p in _problems(data_copy) if p.column == "group_code + member_code"]
    assert [(p.row, p.value) for p in repeated] == [(3, "CA5 / KAZ")]
