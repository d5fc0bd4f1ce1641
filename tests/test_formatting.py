"""Words for numbers and gaps: table-driven."""

from __future__ import annotations

import pandas as pd
import pytest

from core.formatting import (
    NOT_STATED,
    SHOWN_ROWS,
    TABLE_LISTS_THEM,
    escape_markdown,
    first_and_more,
    for_display,
    format_count,
    format_period,
    format_usd,
    per_distinct,
    screen_table,
)
from core.i18n import N_, ngettext, use_language


@pytest.mark.parametrize(
    ("amount", "qualifier", "short", "expected"),
    [
        (5_500_000_000, None, False, "US$5.5 bn"),
        (18_000_000_000, None, False, "US$18 bn"),
        (12_000_000_000, "approximately", False, "approximately US$12 bn"),
        (12_000_000_000, "approximately", True, "≈ US$12 bn"),
        (300_000_000_000, "some", True, "≈ US$300 bn"),
        (250_000_000, None, False, "US$250 m"),
        (1_234, None, False, "US$1,234"),
        (0, None, False, "US$0"),
        (pd.NA, None, False, NOT_STATED),
        (None, "approximately", True, NOT_STATED),
    ],
)
def test_format_usd(amount, qualifier, short, expected) -> None:
    assert format_usd(amount, qualifier, short=short) == expected


@pytest.mark.parametrize(
    ("value", "qualifier", "unit", "short", "expected"),
    [
        (70, "more than", None, False, "more than 70"),
        (70, "more than", None, True, "> 70"),
        (40, "some", "meetings", False, "some 40 meetings"),
        (12, pd.NA, None, False, "12"),
        (pd.NA, None, None, False, NOT_STATED),
    ],
)
def test_format_count(value, qualifier, unit, short, expected) -> None:
    assert format_count(value, qualifier, unit, short=short) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (1993, 2001, "1993–2001"),
        (2015, 2015, "2015"),
        (1954, pd.NA, "since 1954 (end not stated)"),
        (pd.NA, pd.NA, "period not stated"),
    ],
)
def test_format_period(start, end, expected) -> None:
    assert format_period(start, end) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("approximately $6 billion ($3 billion)", r"approximately \$6 billion \(\$3 billion\)"),
        ("[click](javascript:alert(1))", r"\[click\]\(javascript\:alert\(1\)\)"),
        ("<script>x</script>", r"\<script\>x\</script\>"),
        ("**bold** _it_", r"\*\*bold\*\* \_it\_"),
        ("plain words", "plain words"),
    ],
)
def test_escape_markdown(text, expected) -> None:
    assert escape_markdown(text) == expected


def test_for_display_says_not_stated_and_keeps_zero() -> None:
    frame = pd.DataFrame({"year": pd.array([2015, None], dtype="Int64"), "n": pd.array([0, 5], dtype="Int64")})
    shown = for_display(frame)
    assert shown["year"].tolist() == ["2015", NOT_STATED]
    assert shown["n"].tolist() == [0, 5] and shown["n"].dtype == "Int64"


def test_per_distinct_gives_each_row_its_own_words() -> None:
    # Missing values first, in the middle and repeated: each row must still get its own period,
    # whatever order grouping puts the missing combination in.
    start = pd.Series([pd.NA, 2015, 1993, pd.NA, 2015, 1954, 1993, 2001], dtype="Int64")
    end = pd.Series([pd.NA, 2015, 2001, pd.NA, 2019, pd.NA, 2001, 2001], dtype="Int64")
    words = per_distinct(format_period, start, end)
    assert list(words) == [format_period(s, e) for s, e in zip(start, end, strict=True)]
    assert len(words.categories) == len(set(words))


def test_per_distinct_keeps_two_combinations_that_read_the_same_apart_in_the_rows() -> None:
    amounts = pd.Series([1.01e9, 1.02e9, 2e9])  # the first two both read "US$1 bn"
    words = per_distinct(format_usd, amounts)
    assert list(words) == ["US$1 bn", "US$1 bn", "US$2 bn"] and list(words.categories) == ["US$1 bn", "US$2 bn"]


def test_a_screen_table_shows_the_first_rows_as_text_and_counts_them_all() -> None:
    rows = pd.DataFrame({"number": pd.array([5, None] * SHOWN_ROWS, dtype="Int64"), "id": range(2 * SHOWN_ROWS)})
    table = screen_table(rows, lambda frame: frame.rename(columns={"id": "row"}))
    assert (table.shown, table.total) == (SHOWN_ROWS, 2 * SHOWN_ROWS)
    shown = table.arrow.to_pandas()
    assert shown["number"].tolist()[:2] == ["5", NOT_STATED] and shown["row"].tolist() == list(range(SHOWN_ROWS))
    assert screen_table(rows.head(3), total=40).total == 40


def test_per_distinct_treats_every_kind_of_missing_value_as_one() -> None:
    # Grouping joins None, NaN and <NA>; the words must still line up with the rows after them.
    values = pd.Series([float("nan"), pd.NA, 1.0, None, "a"], dtype=object)
    words = per_distinct(lambda v: "missing" if v is None or pd.isna(v) else f"value {v}", values)
    assert list(words) == ["missing", "missing", "value 1.0", "missing", "value a"]


def test_per_distinct_passes_whole_numbers_as_they_are() -> None:
    years = pd.Series([1993, None, 1993], dtype="Int64")
    assert list(per_distinct(lambda y: str(y), years)) == ["1993", "<NA>", "1993"]


def test_a_screen_table_shows_a_column_of_mixed_values_as_text() -> None:
    rows = pd.DataFrame({"value": pd.Series([1, "two", 3.5], dtype=object)})
    assert screen_table(rows).arrow.to_pandas()["value"].tolist() == ["1", "two", "3.5"]


def more_figures(n: int) -> str:  # words that decline with the number (the aid page's hovers)
    return "{items} " + ngettext("… and {n} more figure (see the table)", "… and {n} more figures (see the table)", n)


def ending_in(n: int) -> str:  # and a placeholder of its own (the comparison's latest event)
    return ngettext("{items} and {n} more ending in {year}", "{items} and {n} more ending in {year}", n)


FIVE = ["a", "b", "c", "d", "e"]


@pytest.mark.parametrize(
    ("case", "language", "items", "limit", "options", "expected"),
    [
        ("none", "en", [], 3, {}, ""),
        ("fewer than the limit", "en", ["a", "b"], 3, {}, "a; b"),
        ("exactly the limit", "en", ["a", "b", "c"], 3, {}, "a; b; c"),
        ("over the limit", "en", FIVE, 3, {}, "a; b; c; and 2 more"),
        ("over the limit, in Russian", "ru", FIVE, 3, {}, "a; b; c; и ещё 2"),
        ("only the first given, with the total", "en", ["a", "b"], 2, {"total": 1_234}, "a; b; and 1,232 more"),
        ("the total in Russian digits", "ru", ["a", "b"], 2, {"total": 1_234}, "a; b; и ещё 1 232"),
        ("a total no larger than the items", "en", ["a", "b"], 2, {"total": 2}, "a; b"),
        ("a wording of its own", "en", FIVE, 4, {"more": TABLE_LISTS_THEM},
         "a; b; c; d; and 1 more (the table lists them)"),
        ("and its Russian", "ru", FIVE, 4, {"more": TABLE_LISTS_THEM}, "a; b; c; d; и ещё 1 (все — в таблице)"),
        ("a separator of its own", "en", FIVE, 3, {"separator": ", ", "more": N_("{items} and {n} more")},
         "a, b, c and 2 more"),
        ("words that decline: one", "en", FIVE, 4, {"more": more_figures},
         "a; b; c; d … and 1 more figure (see the table)"),
        ("words that decline: many", "en", FIVE, 2, {"more": more_figures},
         "a; b … and 3 more figures (see the table)"),
        ("Russian plural: 1", "ru", FIVE, 4, {"more": more_figures}, "a; b; c; d … и ещё 1 сумма (см. таблицу)"),
        ("Russian plural: 2", "ru", FIVE, 3, {"more": more_figures}, "a; b; c … и ещё 2 суммы (см. таблицу)"),
        ("Russian plural: 5", "ru", ["a"], 1, {"total": 6, "more": more_figures}, "a … и ещё 5 сумм (см. таблицу)"),
        ("Russian plural: 21", "ru", ["a"], 1, {"total": 22, "more": more_figures}, "a … и ещё 21 сумма (см. таблицу)"),
        ("a placeholder of its own", "en", ["Summit (2019)"], 1, {"total": 3, "more": ending_in, "year": 2019},
         "Summit (2019) and 2 more ending in 2019"),
        ("and in Russian", "ru", ["Саммит (2019)"], 1, {"total": 2, "more": ending_in, "year": 2019},
         "Саммит (2019) и ещё 1 событие, завершившееся в 2019 г."),
    ],
)  # fmt: skip
def test_first_and_more(case, language, items, limit, options, expected) -> None:
    with use_language(language):
        assert first_and_more(items, limit, **options).replace("\xa0", " ") == expected, case
