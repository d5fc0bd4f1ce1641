"""The comparison's cells: one per (country, metric), each a value, "no total" or "not stated".

A money cell applies the one rule for sums (core.sums.add_up) to the country's figures of the
metric's status (and kind) that the filters keep: their total when they can be added; a single
figure as itself (one figure is not a sum); otherwise "no total", with the figures side by side
and the reason. "Not stated" says whose gap it is (the source's, or the filters') and lists the
related facts the source does state. A metric the source states nothing about is never 0; event
counts are counts over the data, so a country with no event has a real 0.

Region and members (core.scopes): a fact about a group as a whole (money or companies recorded for
the group, an event naming the group or every one of its members) is counted for no single member.

The modules: `cell` (a cell and its three states), `money` (money by the rule for sums), `counts`
(events counted, the latest event, companies as stated) and `gaps` (not stated, and the related
facts); `comparison` below asks each for its cells.
"""

from __future__ import annotations

import pandas as pd

from core.compare.cells.cell import NO_TOTAL, Cell, Cells, FactNote, NoTotal, NotStated, State, Stated
from core.compare.cells.counts import companies_cells, event_cells
from core.compare.cells.gaps import gap_cells
from core.compare.cells.money import money_cells
from core.compare.data import CompareData, in_currency
from core.compare.params import COMPANIES, COUNTED_EVENTS, EVENTS, LATEST, SECURITY, CompareFilters, chosen_metrics
from core.periods import overlaps

__all__ = ["NO_TOTAL", "Cell", "FactNote", "NoTotal", "NotStated", "State", "Stated", "comparison", "in_period",
           "stated_nothing"]  # fmt: skip


def in_period(frame: pd.DataFrame, filters: CompareFilters) -> pd.Series:
    """Rows whose period overlaps the years (periods.overlaps), or that state no period when kept."""
    undated = frame["year_start"].isna() & filters.undated
    return overlaps(frame["year_start"], frame["year_end"], filters.years) | undated


def comparison(data: CompareData, filters: CompareFilters) -> list[Cell]:
    """One cell per (country, metric): countries in the filters' order, metrics in the options' order."""
    # NOTE: each kind of metric is computed for every chosen country in one grouped pass. A cell at
    # a time cost a dozen pandas calls per cell and, at a million rows, a scan of the whole table
    # per country.
    data = in_currency(data, filters.currency)
    metrics = chosen_metrics(data.options, filters)
    names = data.options.countries
    cells: Cells = {}
    money = [m for m in metrics if m.unit == "usd"]
    if money:
        chosen = data.money["recipient_code"].isin(filters.countries) & in_period(data.money, filters)
        cells |= money_cells(data, chosen.to_numpy(dtype=bool), money, filters.years)
    if COMPANIES in filters.metrics:
        cells |= companies_cells(data.companies[in_period(data.companies, filters)], filters.countries, names)
    if {EVENTS, SECURITY, LATEST} & set(filters.metrics):
        cells |= event_cells(data, filters)
    gaps = [(code, m) for code in filters.countries for m in metrics if (code, m.id) not in cells]
    if gaps:
        cells |= gap_cells(data, filters, gaps)
    return [cells[(code, metric.id)] for code in filters.countries for metric in metrics]


def stated_nothing(cells: list[Cell]) -> bool:
    """True when every money and companies cell is a gap (e.g. a year range that excludes everything):
    a "no total" is not a gap, the source states figures there."""
    gaps = [c for c in cells if c.metric not in COUNTED_EVENTS and c.metric != LATEST]
    return bool(gaps) and all(isinstance(c.state, NotStated) for c in gaps)
