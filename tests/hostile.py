"""Hostile input: text for the data files (written into a copy of the bundled data at test time),
and queries for links and the API (a Hypothesis strategy)."""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import strategies as some

from core.pages import PAGES as REGISTERED
from core.params import EVERY_PAGE

SCRIPT = "<script>alert('x')</script>"
IMAGE = '<img src="x" onerror="alert(1)">'
LINK = "[click me](javascript:alert(1))"
MD_IMAGE = "![tracker](http://example.invalid/t.png)"
FORMULA = '=HYPERLINK("http://example.invalid","x")'
RTL = "\u202eevil\u202c שלום مرحبا"
CONTROL = "bell\x07tab\tend"
LONG = "long " * 2000

HOSTILE = [
    SCRIPT,
    IMAGE,
    LINK,
    MD_IMAGE,
    FORMULA,
    "+cmd",
    "@SUM(A1)",
    RTL,
    CONTROL,
    LONG,
    "Казахстан 日本",
    "$6 and $3",
]

# Free-text fields of each table; ids, codes and numbers stay valid so the data still loads.
TEXT_FIELDS = {
    "money.csv": ["description", "note"],
    "events.csv": ["title", "description"],
    "figures.csv": ["description", "unit"],
    "principles.csv": ["item", "list_title"],
    "evidence.csv": ["quote", "locator", "note"],
    "actors.csv": ["name", "note"],
    "statuses.csv": ["label", "description"],
    "flow_kinds.csv": ["label", "description"],
    "categories.csv": ["label", "description"],
    "sources.csv": ["title", "author", "note", "publisher"],
}


def _fit(file: str, field: str, value: str) -> str:
    """A quote stays one the validator takes (at most 200 characters, with a letter of its source's
    script: Latin, Japanese or Cyrillic), so the data still loads and the pages must show it."""
    if (file, field) != ("evidence.csv", "quote"):
        return value
    return value[:196] + " a日Я"


def poison(data_dir: Path) -> None:
    """Put hostile text in every free-text field, cycling through the cases row by row."""
    for file, fields in TEXT_FIELDS.items():
        path = data_dir / file
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        header = list(rows[0])
        for number, row in enumerate(rows):
            for offset, field in enumerate(fields):
                row[field] = _fit(file, field, HOSTILE[(number + offset) % len(HOSTILE)])
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)


# Every parameter some page reads, from the registry: a link may name them on any page.
KNOWN_KEYS = sorted(
    {param.key for page in REGISTERED if page.params is not None for param in page.params.params}
    | {param.key for param in EVERY_PAGE}
)

texts = some.text(
    alphabet=some.characters(codec="utf-8", exclude_categories=["Cs"]),
    max_size=60,
)
values = some.one_of(
    texts,
    some.sampled_from(["KAZ", "UZB", "CA5", "realised", "1", "0", "bars", "time", "log", "E07", "security", "%ZZ",
                       "%", "1993-2001", "2001-1993", "-5-99999", "1e9", "<script>alert(1)</script>", "=1+1"]),
    some.integers(min_value=-(10**12), max_value=10**12).map(str),
    some.integers(min_value=0, max_value=5000).map(lambda n: f"{n}-{n // 2}"),
    some.just("x" * 5000),
)  # fmt: skip
keys = some.one_of(some.sampled_from(KNOWN_KEYS), texts.filter(lambda k: k != ""))
queries = some.dictionaries(keys, some.lists(values, min_size=1, max_size=4), max_size=6)
