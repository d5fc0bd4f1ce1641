"""Cells that count or name events, and the companies the source counts.

Events are counted over the data, per country, from the links between events and the countries
they name as their own (data.event_links): a country with no event has a real 0, never a gap.
Companies with Japanese capital are a stock the source states, not a flow: never added, the
latest stated count is shown.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from core.compare.cells.cell import NOTES_LIMIT, Cell, Cells, FactNote, Stated, listed_sources
from core.compare.data import CompareData
from core.compare.params import COMPANIES, EVENTS, LATEST, SECURITY, SECURITY_CATEGORY, CompareFilters
from core.formatting import first_and_more, format_count, format_period, is_missing
from core.i18n import ngettext
from core.periods import overlaps
from core.scalars import as_int


def companies_cells(figures: pd.DataFrame, countries: tuple[str, ...], names: Mapping[str, str]) -> Cells:
    """Counts of companies are a stock, not a flow: never added; the latest stated one is shown."""
    ordered = figures[figures["country_code"].isin(countries)].sort_values(
        ["year_end", "year_start"], na_position="first", kind="stable"
    )
    cells: Cells = {}
    for latest in ordered.groupby("country_code", observed=True, sort=False).tail(1).itertuples():
        line = (
            f"{format_count(latest.value, latest.qualifier, latest.unit)} · "
            f"{format_period(latest.year_start, latest.year_end)}"
        )
        note = FactNote(str(latest.figure_id), line, str(latest.quote), str(latest.source_id), str(latest.locator),
                        sources=listed_sources(getattr(latest, "source_ids", None)))  # fmt: skip
        code = str(latest.country_code)
        qualifier = None if is_missing(latest.qualifier) else str(latest.qualifier)
        text = format_count(latest.value, qualifier)
        state = Stated(as_int(latest.value), qualifier)
        cells[(code, COMPANIES)] = Cell(code, names.get(code, code), COMPANIES, state, text, (note,))
    return cells


EVENT_NOTE_COLUMNS = ["event_id", "title", "year_start", "year_end", "quote", "source_id", "locator", "source_ids"]


def _event_notes(events: pd.DataFrame, positions: np.ndarray) -> dict[int, tuple]:
    """The columns a note needs, for the events at `positions`, as plain tuples by position."""
    rows = (events if "source_ids" in events.columns else events.assign(source_ids=None))[EVENT_NOTE_COLUMNS]
    rows = rows.iloc[positions]
    return dict(zip(positions.tolist(), rows.itertuples(index=False, name=None), strict=True))


def _event_note(row: tuple, quoted: bool) -> FactNote:
    event_id, title, start, end, quote, source_id, locator, all_ids = row
    return FactNote(
        id=str(event_id),
        line=f"{title} ({format_period(start, end)})",
        quote=str(quote) if quoted else None,
        source_id=str(source_id),
        locator=str(locator),
        sources=listed_sources(all_ids),
    )


def event_cells(data: CompareData, filters: CompareFilters) -> Cells:
    """Event counts (a real 0 when none) and the latest event, per chosen country, from the links
    between events and the countries they name as their own: an event naming a group as a whole
    is counted for none of its members (data.event_links' `own`). Positions follow the events'
    date order (compare_data sorts them), so a country's last positions are its latest events."""
    events = data.events
    in_years = overlaps(events["year_start"], events["year_end"], filters.years).to_numpy(dtype=bool)
    security = (events["category"] == SECURITY_CATEGORY).to_numpy(dtype=bool)
    year_end = events["year_end"].to_numpy(dtype="float64", na_value=np.nan)
    links = data.event_links
    codes, positions = links["code"].to_numpy(dtype=object), links["position"].to_numpy(dtype=int)
    kept = in_years[positions] & links["own"].to_numpy(dtype=bool)
    names = data.options.countries
    cells: Cells = {}
    for code in filters.countries:
        own = np.sort(positions[kept & (codes == code)])
        if not len(own):
            continue
        own_security = own[security[own]]
        last_year = np.nanmax(year_end[own])
        ending = own[year_end[own] == last_year]
        rows = _event_notes(events, np.unique(np.concatenate([own[-NOTES_LIMIT:], own_security[-NOTES_LIMIT:],
                                                              ending[-1:]])))  # fmt: skip
        cells[(code, EVENTS)] = count_cell(code, names, EVENTS, own, rows)
        cells[(code, SECURITY)] = count_cell(code, names, SECURITY, own_security, rows)
        latest = _event_note(rows[int(ending[-1])], quoted=True)
        # Events of the same last year are not ordered by the source; say that others share the year.
        text = first_and_more([latest.line], 1, total=len(ending), more=_ending_in, year=int(last_year))
        cells[(code, LATEST)] = Cell(code, names.get(code, code), LATEST, Stated(int(last_year)), text, (latest,))
    return cells


def _ending_in(others: int) -> str:
    """'Title (2019) and 2 more ending in 2019'."""
    return ngettext("{items} and {n} more ending in {year}", "{items} and {n} more ending in {year}", others)


def count_cell(code: str, names: Mapping[str, str], metric: str, positions: np.ndarray, rows: dict[int, tuple]) -> Cell:
    """A count over the data: 0 when there is no event (a real zero, not a gap); the latest
    NOTES_LIMIT events named."""
    named = positions[::-1][:NOTES_LIMIT]
    notes = tuple(_event_note(rows[int(p)], quoted=False) for p in named)
    count = len(positions)
    return Cell(code, names.get(code, code), metric, Stated(count), str(count), notes, count - len(named))
