"""Words for numbers and gaps: table-driven."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.formatting import NOT_STATED, escape_markdown, for_display, format_count, format_period, format_usd


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
