"""What each page's Download CSV holds for a view, declared once per page (core.pages names it).

The page's Download buttons and the API's `/api/v1/{page}.csv` (core.api) both build their rows
through these, so the file a browser downloads and the one a script fetches cannot differ. Every
function here is module-level: components.data caches by qualified name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core import aid, compare, timeline
from core.compare.data import CompareData, compare_data
from core.compare.params import PARAMS as COMPARE_PARAMS
from core.compare.params import CompareFilters, CompareOptions, compare_options
from core.export import dictionary_table
from core.facts import Facts
from core.overview import key_figures_table
from core.url_state import QueryReader


@dataclass(frozen=True)
class ViewRows:
    """How one page's download is made: `data(facts)` is the filter-independent part (cached per
    data version and language), `read` the filters a query states (None: a page without filters),
    and `rows(data, filters, facts)` the download's rows for them. `pieces`, where a view can be
    big, gives the same rows a piece at a time, so that a streamed answer never holds them all."""

    data: Callable[[Facts], Any]
    rows: Callable[[Any, Any, Facts], pd.DataFrame]
    options: Callable[[Facts], Any] | None = None  # what the filters can take, read from the data
    read: Callable[[QueryReader, Any, Any], Any] | None = None  # (reader, options, data) -> filters
    pieces: Callable[[Any, Any, Facts, int], Iterator[pd.DataFrame]] | None = None

    def in_pieces(self, data: Any, filters: Any, facts: Facts, size: int) -> Iterator[pd.DataFrame]:
        """The rows in pieces of at most `size` (all of them at once for a page that is always
        small); at least one piece, so that an empty view still has its columns."""
        if self.pieces is not None:
            return self.pieces(data, filters, facts, size)
        return iter([self.rows(data, filters, facts)])


def aid_rows(data: aid.data.AidData, filters: aid.params.AidFilters, facts: Facts) -> pd.DataFrame:
    """The aid figures the filters keep, as the CSV has them, each with its citation."""
    return aid.table.table(aid.data.filter_money(data.view, filters), filters.per_year, facts.sources)


def aid_pieces(
    data: aid.data.AidData, filters: aid.params.AidFilters, facts: Facts, size: int
) -> Iterator[pd.DataFrame]:
    """`aid_rows` a piece at a time: the table of each slice of the kept figures, never a copy of
    all of them (the table is built row by row, so its pieces are its rows in the same order)."""
    positions = aid.data.kept_positions(data.view, filters)
    for start in range(0, max(len(positions), 1), size):
        piece = data.view.iloc[positions[start : start + size]]
        yield aid.table.table(piece, filters.per_year, facts.sources)


def aid_filters(reader: QueryReader, options: aid.params.AidOptions, _data: object) -> aid.params.AidFilters:
    return aid.params.PARAMS.read(reader, options)


def timeline_rows(view: pd.DataFrame, filters: timeline.params.TimelineFilters, facts: Facts) -> pd.DataFrame:
    """The events the filters keep, in date order, each with its citation (the selected event
    changes the card shown, not the rows)."""
    return timeline.table.table(timeline.data.filter_events(view, filters), facts.sources)


def timeline_pieces(
    view: pd.DataFrame, filters: timeline.params.TimelineFilters, facts: Facts, size: int
) -> Iterator[pd.DataFrame]:
    """`timeline_rows` a piece at a time, in the table's date order."""
    positions = timeline.data.kept_in_date_order(view, filters)
    for start in range(0, max(len(positions), 1), size):
        yield timeline.table.table(view.iloc[positions[start : start + size]], facts.sources)


def timeline_filters(
    reader: QueryReader, options: timeline.params.TimelineOptions, view: pd.DataFrame
) -> timeline.params.TimelineFilters:
    return timeline.params.read_filters(reader, options, pd.Index(view["event_id"]))


def compare_filters(reader: QueryReader, options: CompareOptions, _data: object) -> CompareFilters:
    return COMPARE_PARAMS.read(reader, options)


def whole_table(data: pd.DataFrame, _filters: None, _facts: Facts) -> pd.DataFrame:
    """A page without filters: its download is the same table for every visitor."""
    return data


def package_dictionary(facts: Facts) -> pd.DataFrame:
    return dictionary_table(facts.package)


def compare_rows(data: CompareData, filters: CompareFilters, _facts: Facts) -> pd.DataFrame:
    """One row per country and metric, as the comparison's CSV has them."""
    return compare.view.download_rows(data, filters)


OVERVIEW_ROWS = ViewRows(data=key_figures_table, rows=whole_table)
AID_ROWS = ViewRows(
    data=aid.data.aid_data, rows=aid_rows, options=aid.params.aid_options, read=aid_filters, pieces=aid_pieces
)
TIMELINE_ROWS = ViewRows(
    data=timeline.data.event_view,
    rows=timeline_rows,
    options=timeline.params.timeline_options,
    read=timeline_filters,
    pieces=timeline_pieces,
)
COMPARE_ROWS = ViewRows(data=compare_data, rows=compare_rows, options=compare_options, read=compare_filters)
SOURCES_ROWS = ViewRows(data=package_dictionary, rows=whole_table)

__all__ = ["AID_ROWS", "COMPARE_ROWS", "OVERVIEW_ROWS", "SOURCES_ROWS", "TIMELINE_ROWS", "ViewRows"]
