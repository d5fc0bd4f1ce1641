"""Titles and descriptions say no more than their quotes: the same numbers, qualifiers and strong words.

A title or description is the project's own words, but a word that changes the claim ("main" where
the source says "a major obstacle", "about 40" where it says "some 40") is a misquotation. The
checker compares key terms of the wording with the row's quote and, since a description may
legitimately draw on the rest of the paragraph, with that paragraph of the source:

* every number in the wording (amounts, counts, years) appears in the quote or the paragraph;
* a superlative or strong word (main, largest, first, only, all, never, ...) appears there too;
* a qualifier the wording puts before a number ("approximately 6", "more than 70") appears in the
  quote, and the row's `qualifier` column (money and figures) appears in its quote.
"""

from __future__ import annotations

import csv
import re

import pytest

from tests.conftest import DATA_DIR

# NOTE: words that overstate or harden a claim when the source does not use them.
STRONG_WORDS = (
    "main",
    "major",
    "largest",
    "biggest",
    "first",
    "only",
    "most",
    "least",
    "key",
    "primary",
    "all",
    "never",
    "always",
    "unique",
    "leading",
    "sole",
    "certainly",
    "definitely",
    "undoubtedly",
    "proved",
    "confirmed",
)
STRONG_WORD = re.compile(r"\b(" + "|".join(STRONG_WORDS) + r")\b", re.IGNORECASE)

# A number: digits, with thousands commas or a decimal point ("1,000", "6.5"); "$18 billion",
# "US $18 billion" and "18 billion" all give 18, the source's "6.5, billion" gives 6.5, "1990s"
# gives 1990 and "COVID-19" gives 19.
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")

QUALIFIERS = (
    "approximately",
    "about",
    "around",
    "roughly",
    "nearly",
    "almost",
    "some",
    "more than",
    "over",
    "at least",
    "up to",
    "less than",
    "fewer than",
    "≈",
)
# A qualifier only counts where it modifies a number: "some 40", "approximately $6 billion".
QUALIFIED_NUMBER = re.compile(
    r"(?:\b|(?=≈))(" + "|".join(re.escape(q) for q in QUALIFIERS) + r")\s*(?:US\s*)?\$?\s*\d",
    re.IGNORECASE,
)


def numbers(text: str) -> set[float]:
    """The numbers written in a text, as values: '$ 5.5 billion' and '5.5' are the same."""
    return {float(match.replace(",", "")) for match in NUMBER.findall(text)}


def strong_words(text: str) -> set[str]:
    return {word.lower() for word in STRONG_WORD.findall(text)}


def qualifiers(text: str) -> set[str]:
    return {word.lower() for word in QUALIFIED_NUMBER.findall(text)}


def wording_problems(wording: str, quote: str, paragraph: str = "", qualifier: str = "") -> list[str]:
    """What in `wording` (a title or description) the source's words do not back.

    Numbers and strong words may come from the quote or its paragraph; a qualifier of a number,
    and the row's qualifier column, must come from the quote itself. Empty when the wording is
    faithful."""
    backing = f"{quote}\n{paragraph}"
    problems = []
    for number in sorted(numbers(wording) - numbers(backing)):
        problems.append(f"number {number:g} is not in the source's words")
    for word in sorted(strong_words(wording) - strong_words(backing)):
        problems.append(f"{word!r} is not in the source's words")
    for word in sorted(qualifiers(wording) - qualifiers(quote)):
        problems.append(f"qualifier {word!r} is not the quote's")
    if qualifier and qualifier not in quote:
        problems.append(f"qualifier column {qualifier!r} is not in the quote")
    return problems


# --- the checker, both ways -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "quote", "qualifier", "flagged"),
    [
        ("Security named the main obstacle", "a major obstacle", "", "'main'"),
        ("The dialogue adopts its first Action Plan.", "two Action Plans (2006 and 2019)", "", "'first'"),
        ("Contracts worth $18 billion", "contracts worth $1.8 billion were signed", "", "number 18"),
        ("Signed in 2016", "In 2015, contracts worth $18 billion were signed", "", "number 2016"),
        ("About 40 meetings and events", "held some 40 meetings and events", "", "qualifier 'about'"),
        ("Companies in Kazakhstan", "70 companies with Japanese capital", "more than", "qualifier column"),
    ],
    ids=["main-for-major", "first-unstated", "wrong-amount", "wrong-year", "about-for-some", "qualifier-column"],
)
def test_the_checker_flags_a_changed_claim(wording: str, quote: str, qualifier: str, flagged: str) -> None:
    problems = wording_problems(wording, quote, qualifier=qualifier)
    assert any(flagged in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("wording", "quote", "paragraph", "qualifier"),
    [
        ("Security named a major obstacle", "a major obstacle", "", ""),
        ("Contracts worth $18 billion signed in 2015", "In 2015, contracts worth $18 billion", "", ""),
        ("Investments of 6.5 billion dollars", "investments amounting to 6.5, billion dollars", "", ""),
        ("Investment of $5.5 billion", "amounted to $ 5.5 billion", "", ""),
        ("Some 40 meetings", "held some 40 meetings", "", "some"),
        ("Relations global by the late 1990s", "the security treaty in 1951", "by the late 1990s", ""),
        ("Meeting on COVID-19", "the turn has come to Japan", "the COVID-19 pandemic", ""),
    ],
    ids=["major", "dollars-and-year", "source-comma", "dollar-space", "qualifier", "from-paragraph", "covid"],
)
def test_the_checker_passes_faithful_wording(wording: str, quote: str, paragraph: str, qualifier: str) -> None:
    assert wording_problems(wording, quote, paragraph, qualifier) == []


def test_the_paragraph_does_not_back_a_qualifier() -> None:
    """'approximately' elsewhere in the paragraph does not make this figure approximate."""
    problems = wording_problems("approximately $3 billion", "($3 billion)", "approximately $6 billion")
    assert problems == ["qualifier 'approximately' is not the quote's"]


# --- the bundled data -------------------------------------------------------------------------


def _read(table: str) -> list[dict[str, str]]:
    with (DATA_DIR / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


SEED = "usubaliev_2020"  # the one source whose text the project holds (../shared/seed/)


def _cases() -> list[pytest.ParameterSet]:
    """One case per worded field of a fact the seed states: events' title and description, money's
    and figures' description, each against every quote of the seed that backs it."""
    fields = {"events": ("title", "description"), "money": ("description",), "figures": ("description",)}
    evidence = [row for row in _read("evidence") if row["source_id"] == SEED]
    cases = []
    for table, names in fields.items():
        for row in _read(table):
            row_id = next(iter(row.values()))
            backing = [(e["quote"], e["locator"]) for e in evidence if (e["resource"], e["key"]) == (table, row_id)]
            if not backing:
                continue  # stated by an official page only, whose text the project does not keep
            for name in names:
                cases.append(pytest.param(table, row, name, backing, id=f"{table}-{row_id}-{name}"))
    return cases


@pytest.mark.parametrize(("table", "row", "field", "backing"), _cases())
def test_wording_says_no_more_than_the_source(
    table: str, row: dict[str, str], field: str, backing: list[tuple[str, str]], source_paragraphs: dict[str, list[str]]
) -> None:
    paragraphs = source_paragraphs[SEED]
    numbers = [int(locator.removeprefix("¶")) for _quote, locator in backing]
    assert all(1 <= n <= len(paragraphs) for n in numbers), f"paragraphs {numbers} are not all in the source"
    quotes = "\n".join(quote for quote, _locator in backing)
    around = "\n".join(paragraphs[n - 1] for n in numbers)
    problems = wording_problems(row[field], quotes, around, row.get("qualifier", ""))
    assert not problems, f"{row[field]!r} against {quotes!r}: {problems}"
