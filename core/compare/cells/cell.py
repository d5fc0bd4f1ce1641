"""A cell of the comparison and its three states, as types: a value (`Stated`), figures that cannot
be added (`NoTotal`), or nothing the filters keep (`NotStated`). A cell holds exactly one of them, so
a value with a reason for no total, or a gap with a value, cannot be built.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.columns import LIST_SEPARATOR
from core.i18n import N_

NO_TOTAL = N_("no total")  # the English; shown through _()

# Facts named per cell; a cell over a big data set sums thousands. NOTE: without this cap a 1M-row
# data set builds a note per row on every rerun.
NOTES_LIMIT = 20


@dataclass(frozen=True)
class FactNote:
    """One fact behind a cell: a line about it and, where the cell rests on its words, its quote."""

    id: str
    line: str
    quote: str | None
    source_id: str
    locator: str  # where the quote stands in its source (evidence.csv)
    amount: int | None = None  # a money figure's amount in US$ (a term of a sum, or a related figure)
    qualifier: str | None = None  # and the source's word for it ("approximately")
    sources: tuple[str, ...] = ()  # every source that states the fact (source_id is the first)

    @property
    def source_ids(self) -> tuple[str, ...]:
        return self.sources or (self.source_id,)


@dataclass(frozen=True)
class Stated:
    """A value: a single figure, a total of several (core.sums), a count (a real 0 when nothing is
    counted), or the year of the latest event."""

    value: float
    qualifier: str | None = None  # the source's vague word, or the word of a total of vague figures
    adds: str | None = None  # a total of several figures: what it adds ("2 figures: M1; M2")
    # A single figure shown as itself: why its period is not inside the years (core.sums' English
    # NO_PERIOD, NO_END or OUTSIDE; shown through _()).
    caveat: str | None = None


@dataclass(frozen=True)
class NoTotal:
    """Figures that cannot be added: the cell's notes are those figures, side by side."""

    reason: str  # why, in one sentence


@dataclass(frozen=True)
class NotStated:
    """No fact the filters keep: whose gap it is, and the related facts the source does state."""

    gap: str  # "no source gives an amount for Kyrgyzstan", or the filters' gap
    related: tuple[FactNote, ...] = ()  # the first NOTES_LIMIT related facts (regional figures, then events)
    related_omitted: int = 0  # related facts not in `related`


State = Stated | NoTotal | NotStated


@dataclass(frozen=True)
class Cell:
    """One country's value for one metric, in words (`text`, as the table shows it), the facts it
    rests on (`notes`: the terms of a sum, the figures of a no total, the events counted) and its
    state. A not-stated cell rests on no fact: what it names are its state's related facts."""

    country_code: str
    country: str
    metric: str
    state: State
    text: str
    notes: tuple[FactNote, ...] = ()  # at most NOTES_LIMIT
    omitted: int = 0  # facts behind it not named in `notes`

    def __post_init__(self) -> None:
        if isinstance(self.state, NotStated) and (self.notes or self.omitted):
            raise ValueError("a not-stated cell rests on no fact: name what the source states in NotStated.related")

    @property
    def value(self) -> float | None:
        """The stated value; None for no total and not stated (never 0 for a gap)."""
        return self.state.value if isinstance(self.state, Stated) else None

    @property
    def qualifier(self) -> str | None:
        return self.state.qualifier if isinstance(self.state, Stated) else None

    @property
    def figures(self) -> int:
        """How many facts the cell rests on (the terms of a sum, the events counted)."""
        return len(self.notes) + self.omitted


Cells = dict[tuple[str, str], Cell]  # (country code, metric id) -> cell


def cell_sources(notes: tuple[FactNote, ...]) -> tuple[str, ...]:
    """Every source that states a fact behind a cell, in the notes' order, once each."""
    return tuple(dict.fromkeys(source for note in notes for source in note.source_ids))


def listed_sources(text: object) -> tuple[str, ...]:
    """A fact's `source_ids` cell ('a; b') as a tuple; () where it is empty."""
    if text is None or (isinstance(text, float) and text != text) or str(text) in ("", "<NA>"):
        return ()
    return tuple(part for part in str(text).split(LIST_SEPARATOR) if part)
