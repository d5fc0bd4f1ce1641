"""The comparison's view model: what one filter state shows (the table, the panels, the region
apart), small whatever the data's size and built once per state so sessions can share it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from core.compare import regional as regional_table
from core.compare.cells import Cell, NoTotal, comparison, stated_nothing
from core.compare.data import CompareData
from core.compare.figures import comparison_figures
from core.compare.params import MAX_LISTED_EVENTS, CompareFilters, Metric, chosen_metrics
from core.compare.regional import memberships_words, regional_events, regional_part, shown_groups
from core.compare.table import COUNTRY, csv_table, headings, table
from core.formatting import (
    SHOWN_ROWS,
    ScreenTable,
    escape_markdown,
    first_and_more,
    format_period,
    screen_table,
)
from core.i18n import N_


@dataclass(frozen=True)
class CompareView:
    """What the page shows for one filter state; small whatever the data's size (a row per country)."""

    metrics: list[Metric]
    rows: pd.DataFrame  # the comparison table, as the screen has it (before translated headings)
    csv: pd.DataFrame  # the download: one row per country and metric (core.compare.table.csv_table)
    table: ScreenTable  # the same, ready for the screen
    panels: list[tuple[Metric, go.Figure]]
    stated_nothing: bool
    no_total: bool  # a cell on screen reads "no total": the page says what that means
    regional: ScreenTable  # figures for the region as a whole: the first SHOWN_ROWS, and how many
    regional_events_total: int  # events naming the region as a whole
    regional_events_listed: str  # the first MAX_LISTED_EVENTS in Markdown-safe words, and how many more; "" if none
    regions: str  # the groups shown apart and their members, in Markdown-safe words; "" if none
    sources: dict[str, tuple[str, ...]]  # metric id -> the source ids of its panel's facts


TIMELINE_LISTS_THEM = N_("{items}; and {n} more (the timeline lists them)")


def listed_events(events: pd.DataFrame, limit: int) -> str:
    """'Title (1996–2000); …; and 9 more (the timeline lists them)' for the first `limit` events,
    escaped for Markdown; "" when there are none."""
    listed = [
        f"{escape_markdown(e.title)} ({format_period(e.year_start, e.year_end)})"
        for e in events.head(limit).itertuples()
    ]
    return first_and_more(listed, limit, total=len(events), more=TIMELINE_LISTS_THEM)


def compare_view(data: CompareData, filters: CompareFilters) -> CompareView:
    """The comparison for one filter state, built in one place so the page can share it between
    sessions (`components.data.for_filters`)."""
    metrics = chosen_metrics(data.options, filters)
    cells = comparison(data, filters)
    region_events = regional_events(data, filters)
    regional, regional_total = regional_part(data, filters, limit=SHOWN_ROWS)
    rows = table(cells, metrics, filters.sort)
    on_screen = headings(metrics)
    return CompareView(
        metrics=metrics,
        rows=rows,
        csv=csv_rows(cells, metrics, rows),
        # The CSV's column names in English; the screen's headings in the run's language.
        table=screen_table(rows, lambda frame: frame.rename(columns=on_screen)),
        panels=comparison_figures(cells, metrics, filters.sort),
        stated_nothing=stated_nothing(cells),
        no_total=any(isinstance(c.state, NoTotal) for c in cells),
        regional=screen_table(regional.rename(columns=regional_table.headings()), total=regional_total),
        regional_events_total=len(region_events),
        regional_events_listed=listed_events(region_events, MAX_LISTED_EVENTS),
        regions=escape_markdown(memberships_words(data, shown_groups(data, filters))),
        sources={m.id: panel_sources(cells, m.id) for m in metrics},
    )


def csv_rows(cells: list[Cell], metrics: list[Metric], rows: pd.DataFrame) -> pd.DataFrame:
    """The download: one row per country and metric, the countries in the table's order."""
    return csv_table(cells, metrics, list(rows[COUNTRY]))


def download_rows(data: CompareData, filters: CompareFilters) -> pd.DataFrame:
    """The download of one filter state without the rest of the view (figures, screen tables):
    what `compare_view(...).csv` holds, for the API (core.view_rows)."""
    metrics = chosen_metrics(data.options, filters)
    cells = comparison(data, filters)
    return csv_rows(cells, metrics, table(cells, metrics, filters.sort))


def panel_sources(cells: list[Cell], metric: str) -> tuple[str, ...]:
    """The sources of the facts behind one metric's cells (its panel's marks), in order met."""
    notes = (note for cell in cells if cell.metric == metric for note in cell.notes)
    return tuple(dict.fromkeys(note.source_id for note in notes if note.source_id))
