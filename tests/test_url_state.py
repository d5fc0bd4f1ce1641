"""Untrusted query strings: what is valid is applied, the rest is named in a notice, nothing raises."""

from __future__ import annotations

import pytest

from core.url_state import QueryReader, permalink, query_string, version_notice

ALLOWED = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]


@pytest.mark.parametrize(
    ("values", "expected", "notice"),
    [
        (["KAZ", "UZB"], ("KAZ", "UZB"), None),
        (["KAZ,UZB"], ("KAZ", "UZB"), None),
        (["KAZ", "XXX"], ("KAZ",), "ignored unknown c: 'XXX'"),
        (["XXX"], tuple(ALLOWED), "no valid c given"),
        (["KAZ", "KAZ"], ("KAZ",), None),
        ([], tuple(ALLOWED), None),
        ([""], (), None),  # stated empty (`c=`): nothing chosen, not the default
    ],
)
def test_choices(values, expected, notice) -> None:
    reader = QueryReader({"c": values} if values else {})
    assert reader.choices("c", ALLOWED, ALLOWED) == expected
    notices = reader.finish()
    assert (notice is None and not notices) or any(notice in n for n in notices)


@pytest.mark.parametrize(
    ("value", "expected", "notice"),
    [
        ("1993-2001", (1993, 2001), None),
        ("2001-1993", (1993, 2001), "years='2001-1993' reversed: showing 1993-2001"),
        ("1900-2001", (1954, 2001), "years='1900-2001' clipped to the data's 1954-2019: showing 1954-2001"),
        ("2030-1990", (1990, 2019), "reversed and clipped to the data's 1954-2019: showing 1990-2019"),
        ("1000-1100", (1954, 2019), "the data covers 1954-2019"),
        ("abc", (1954, 2019), "expected years as first-last"),
        ("99999999999-1", (1954, 2019), "expected years"),
        ("-5-2000", (1954, 2019), "expected years"),
    ],
)
def test_year_range(value, expected, notice) -> None:
    reader = QueryReader({"years": [value]})
    assert reader.year_range("years", (1954, 2019), (1954, 2019)) == expected
    notices = reader.finish()
    assert (notice is None and not notices) or any(notice in n for n in notices)


def test_a_single_value_given_twice_uses_the_first_and_says_so() -> None:
    reader = QueryReader({"by": ["kind", "status"]})
    assert reader.choice("by", ["recipient", "kind", "status"], "recipient") == "kind"
    assert "'by' was given 2 times" in reader.finish()[0]


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("0", False), ("yes", True), ("maybe", True)])
def test_flag(value, expected) -> None:
    reader = QueryReader({"undated": [value]})
    assert reader.flag("undated", True) is expected
    assert bool(reader.finish()) is (value == "maybe")


def test_unknown_parameters_are_named_but_the_version_is_not() -> None:
    reader = QueryReader({"zzz": ["1"], "v": ["abc"]})
    assert reader.finish() == ["ignored unknown parameter(s): 'zzz'"]
    assert reader.version() == "abc"


def test_notices_show_control_characters_harmlessly() -> None:
    reader = QueryReader({"by": ["\x00<script>"]})
    reader.choice("by", ["kind"], "kind")
    assert "\x00" not in reader.finish()[0]


def test_query_string_repeats_keys_and_is_stable() -> None:
    assert query_string({"c": ("KAZ", "UZB"), "years": "1993-2001"}) == "c=KAZ&c=UZB&years=1993-2001"
    assert query_string({"q": "a b&c"}) == "q=a%20b%26c"


def test_permalink_pins_the_version() -> None:
    assert permalink("http://h/aid", {"c": ("KAZ",)}, "abc123") == "http://h/aid?c=KAZ&v=abc123"
    assert permalink("http://h:8501", {}, "abc123") == "http://h:8501/?v=abc123"


def test_version_notice_only_when_it_differs() -> None:
    assert version_notice(None, "a") is None
    assert version_notice("a", "a") is None
    assert "data has changed" in version_notice("old", "new")


def test_text_keeps_unusual_spaces_but_drops_control_characters() -> None:
    # Found by the permalink property test: a no-break space typed in the search box was dropped
    # from the reopened link, so the colleague searched for other words.
    reader = QueryReader({"q": ["Silk\xa0Road\x00\x1b"]})
    assert reader.text("q") == "Silk\xa0Road"
