"""The comparison's cells: one per (country, metric), each a value or "not stated", and its facts.

A metric the source states nothing about is not stated (value None), never 0. Event counts are
counts over the data, so a country with no event has a real 0. Money is summed within one status
(and kind) only, never across them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.compare.data import CompareData
from core.compare.options import (
    COMPANIES,
    COUNTED_EVENTS,
    EVENTS,
    LATEST,
    SECURITY,
    SECURITY_CATEGORY,
    VAGUE_SUM,
    CompareFilters,
    Metric,
    chosen_metrics,
)
from core.formatting import format_count, format_period, format_usd, is_missing
from core.periods import overlaps
from core.scalars import as_int


@dataclass(frozen=True)
class FactNote:
    """One fact behind a cell: a line about it and, where the cell rests on its words, its quote."""

    id: str
    line: str
    quote: str | None
    source_id: str
    paragraph: int


@dataclass(frozen=True)
class Cell:
    """One country's value for one metric, and the facts it rests on."""

    country_code: str
    country: str
    metric: str
    value: float | None  # None: the source states nothing (never 0)
    qualifier: str | None = None  # the source's vague word, or "approximately" for a sum with one
    text: str | None = None  # the value in words, as the table shows it
    notes: tuple[FactNote, ...] = ()  # the facts behind it, at most NOTES_LIMIT
    omitted: int = 0  # facts behind it not named in `notes`

    @property
    def stated(self) -> bool:
        return self.value is not None


def in_period(frame: pd.DataFrame, filters: CompareFilters) -> pd.Series:
    """Rows whose period overlaps the years (periods.overlaps), or that state no period when kept."""
    undated = frame["year_start"].isna() & filters.undated
    return overlaps(frame["year_start"], frame["year_end"], filters.years) | undated


Cells = dict[tuple[str, str], Cell]  # (country code, metric id) -> cell


def comparison(data: CompareData, filters: CompareFilters) -> list[Cell]:
    """One cell per (country, metric): countries in the filters' order, metrics in the options' order."""
    # NOTE: each kind of metric is computed for every chosen country in one grouped pass. A cell at
    # a time cost a dozen pandas calls per cell and, at a million rows, a scan of the whole table
    # per country.
    metrics = chosen_metrics(data.options, filters)
    names = data.options.countries
    cells: Cells = {}
    money = [m for m in metrics if m.unit == "usd"]
    if money:
        chosen = data.money["recipient_code"].isin(filters.countries) & in_period(data.money, filters)
        cells |= _money_cells(data.money, chosen.to_numpy(dtype=bool), money, names)
    if COMPANIES in filters.metrics:
        cells |= _companies_cells(data.companies[in_period(data.companies, filters)], filters.countries, names)
    if {EVENTS, SECURITY, LATEST} & set(filters.metrics):
        cells |= _event_cells(data, filters)
    return [
        cells.get((code, metric.id)) or _gap(code, names, metric) for code in filters.countries for metric in metrics
    ]


# Facts named per cell; a cell over a big data set sums thousands. NOTE: without this cap a 1M-row
# data set builds a note per row on every rerun.
NOTES_LIMIT = 20


def _gap(code: str, names: Mapping[str, str], metric: Metric) -> Cell:
    """A cell with no fact behind it: an event count of 0 (a real zero), else not stated."""
    if metric.id in COUNTED_EVENTS:
        return _count(code, names, metric.id, np.array([], dtype=int), {})
    return Cell(code, names.get(code, code), metric.id, None)


MONEY_NOTE_COLUMNS = ["flow_id", "amount_usd", "qualifier", "kind_label", "period", "status_label", "quote",
                      "source_id", "paragraph"]  # fmt: skip


def _money_cells(money: pd.DataFrame, chosen: np.ndarray, metrics: list[Metric], names: Mapping[str, str]) -> Cells:
    """Money cells of the `chosen` rows: the sum of one status (and kind), never across them.
    `money` largest first (money.money_view), so a group's first rows are the largest it names."""
    cells: Cells = {}
    # Only the columns the sums need: at a million rows a copy of every column is slow.
    flows = money.loc[chosen, ["recipient_code", "kind", "status", "amount_usd", "qualifier"]]
    for by_kind in (False, True):
        wanted = {(m.kind, m.status): m.id for m in metrics if (m.kind is not None) == by_kind}
        if not wanted or flows.empty:
            continue
        keys = ["recipient_code", "kind", "status"] if by_kind else ["recipient_code", "status"]
        groups = flows.groupby(keys, observed=True, sort=False)
        sums = groups.agg(
            total=("amount_usd", "sum"), size=("amount_usd", "size"), vague=("qualifier", "count"),
            qualifier=("qualifier", "first"),
        )  # fmt: skip
        notes: dict[tuple, list[FactNote]] = {}
        top = money.loc[groups.head(NOTES_LIMIT).index, [*keys, *MONEY_NOTE_COLUMNS]]
        for row in top.itertuples(index=False, name=None):
            key, (flow_id, amount, qualifier, kind_label, period, status_label, quote, source_id, paragraph) = (
                row[: len(keys)], row[len(keys) :])  # fmt: skip
            line = f"{format_usd(amount, qualifier)} · {kind_label} · {period} · {status_label}"
            notes.setdefault(key, []).append(FactNote(str(flow_id), line, str(quote), str(source_id), int(paragraph)))
        for key, group in zip(sums.index, sums.itertuples(index=False), strict=True):
            metric_id = wanted.get((key[1] if by_kind else None, key[-1]))
            if metric_id is None:
                continue
            # One figure keeps its own word; a sum with any vague figure is approximate.
            qualifier = (str(group.qualifier) if group.size == 1 else VAGUE_SUM) if group.vague else None
            named = tuple(notes[key])
            code = str(key[0])
            cells[(code, metric_id)] = Cell(
                code, names.get(code, code), metric_id, as_int(group.total), qualifier,
                format_usd(as_int(group.total), qualifier), named, as_int(group.size) - len(named),
            )  # fmt: skip
    return cells


def _companies_cells(figures: pd.DataFrame, countries: tuple[str, ...], names: Mapping[str, str]) -> Cells:
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
        note = FactNote(str(latest.figure_id), line, str(latest.quote), str(latest.source_id), as_int(latest.paragraph))
        code = str(latest.country_code)
        qualifier = None if is_missing(latest.qualifier) else str(latest.qualifier)
        text = format_count(latest.value, qualifier)
        cells[(code, COMPANIES)] = Cell(code, names.get(code, code), COMPANIES, as_int(latest.value), qualifier, text,
                                        (note,))  # fmt: skip
    return cells


EVENT_NOTE_COLUMNS = ["event_id", "title", "year_start", "year_end", "quote", "source_id", "paragraph"]


def _event_notes(events: pd.DataFrame, positions: np.ndarray) -> dict[int, tuple]:
    """The columns a note needs, for the events at `positions`, as plain tuples by position."""
    rows = events[EVENT_NOTE_COLUMNS].iloc[positions]
    return dict(zip(positions.tolist(), rows.itertuples(index=False, name=None), strict=True))


def _event_note(row: tuple, quoted: bool) -> FactNote:
    event_id, title, start, end, quote, source_id, paragraph = row
    return FactNote(
        id=str(event_id),
        line=f"{title} ({format_period(start, end)})",
        quote=str(quote) if quoted else None,
        source_id=str(source_id),
        paragraph=int(paragraph),
    )


def _event_cells(data: CompareData, filters: CompareFilters) -> Cells:
    """Event counts (a real 0 when none) and the latest event, per chosen country, from the links
    between events and the countries they name. Positions follow the events' date order
    (compare_data sorts them), so a country's last positions are its latest events, no sort needed."""
    events = data.events
    in_years = overlaps(events["year_start"], events["year_end"], filters.years).to_numpy(dtype=bool)
    security = (events["category"] == SECURITY_CATEGORY).to_numpy(dtype=bool)
    year_end = events["year_end"].to_numpy(dtype="float64", na_value=np.nan)
    links = data.event_links
    codes, positions = links["code"].to_numpy(dtype=object), links["position"].to_numpy(dtype=int)
    kept = in_years[positions]
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
        cells[(code, EVENTS)] = _count(code, names, EVENTS, own, rows)
        cells[(code, SECURITY)] = _count(code, names, SECURITY, own_security, rows)
        latest = _event_note(rows[int(ending[-1])], quoted=True)
        # Events of the same last year are not ordered by the source; say that others share the year.
        others = len(ending) - 1
        text = latest.line + (f" and {others} more ending in {int(last_year)}" if others else "")
        cells[(code, LATEST)] = Cell(code, names.get(code, code), LATEST, int(last_year), None, text, (latest,))
    return cells


def _count(code: str, names: Mapping[str, str], metric: str, positions: np.ndarray, rows: dict[int, tuple]) -> Cell:
    """A count over the data: 0 when there is no event (a real zero, not a gap); the latest
    NOTES_LIMIT events named."""
    named = positions[::-1][:NOTES_LIMIT]
    notes = tuple(_event_note(rows[int(p)], quoted=False) for p in named)
    return Cell(code, names.get(code, code), metric, len(positions), None, str(len(positions)), notes,
                len(positions) - len(named))  # fmt: skip


def stated_nothing(cells: list[Cell]) -> bool:
    """True when every money and companies cell is a gap (e.g. a year range that excludes everything)."""
    gaps = [c for c in cells if c.metric not in COUNTED_EVENTS]
    return bool(gaps) and not any(c.stated for c in gaps)
