"""Figures and events of the region as a whole: shown apart, never divided among its states."""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.compare.cells import in_period
from core.compare.data import CompareData
from core.compare.options import COMPANIES, COUNTED_EVENTS, CompareFilters, CompareOptions, Metric, chosen_metrics
from core.formatting import format_count, format_period, format_usd
from core.periods import overlaps


def regional_figures(data: CompareData, filters: CompareFilters) -> pd.DataFrame:
    """Figures the source gives for a region as a whole (money and companies of the chosen metrics),
    shown apart: never divided among, nor counted for, any state. Empty unless a chosen country
    belongs to the region's role."""
    return regional_part(data, filters)[0]


def regional_part(data: CompareData, filters: CompareFilters, limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """`regional_figures`, its first `limit` rows only (each metric's largest first), and how many
    there are in all: a big data set has tens of thousands, and only the shown ones become text."""
    columns = ["region", "metric", "value", "period", "status", "id", "source_id", "quote", "paragraph"]
    matched = _regional_money(data, filters)
    total = sum(len(rows) for _, rows in matched)
    if limit is not None:
        matched = _first_rows(matched, limit)
    parts = [
        # Column-wise, not row by row: a big data set has tens of thousands of regional figures.
        pd.DataFrame({
            "region": rows["recipient_name"].astype("string"), "metric": metric.label,
            "value": pd.array([format_usd(a, q) for a, q in zip(rows["amount_usd"], rows["qualifier"], strict=True)],
                              dtype="string"),
            "period": rows["period"].astype("string"),
            "status": rows["status_label"].astype("string"), "id": rows["flow_id"].astype("string"),
            "source_id": rows["source_id"].astype("string"), "quote": rows["quote"].astype("string"),
            "paragraph": rows["paragraph"],
        })
        for metric, rows in matched if len(rows)
    ]  # fmt: skip
    rows = []
    if COMPANIES in filters.metrics and _shows_region(data.options, filters):
        companies = data.companies[in_period(data.companies, filters)]
        for r in companies[companies["country_code"].isin(data.options.regions)].itertuples():
            rows.append([data.options.regions[str(r.country_code)], data.options.metrics[COMPANIES].label,
                         format_count(r.value, r.qualifier), format_period(r.year_start, r.year_end), pd.NA,
                         r.figure_id, r.source_id, r.quote, r.paragraph])  # fmt: skip
    parts.append(pd.DataFrame(rows, columns=columns))
    combined = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else parts[-1]
    combined = combined.astype({"paragraph": "Int64", "status": "string"})
    total += len(parts[-1])  # the companies' figures: few, all built
    return (combined if limit is None else combined.head(limit)), total


def _regional_money(data: CompareData, filters: CompareFilters) -> list[tuple[Metric, pd.DataFrame]]:
    """Per chosen money metric, the region-wide rows it adds (largest first, as the money view)."""
    if not _shows_region(data.options, filters):
        return []
    money = data.money[in_period(data.money, filters) & data.money["recipient_code"].isin(data.options.regions)]
    return [
        (m, money[(money["status"] == m.status) & ((money["kind"] == m.kind) if m.kind else True)])
        for m in chosen_metrics(data.options, filters)
        if m.unit == "usd"
    ]


def _first_rows(parts: list[tuple[Metric, pd.DataFrame]], limit: int) -> list[tuple[Metric, pd.DataFrame]]:
    kept = []
    for metric, rows in parts:
        kept.append((metric, rows.head(max(limit, 0))))
        limit -= len(rows)
    return kept


def regional_events(data: CompareData, filters: CompareFilters) -> pd.DataFrame:
    """Dated events within the years that name a region as a whole: counted for no single state.
    Empty unless an event count is among the metrics."""
    if not _shows_region(data.options, filters) or not set(COUNTED_EVENTS) & set(filters.metrics):
        return data.events.iloc[0:0]
    # Row positions, not ids: isin on a column of 100k unique ids is slow, and positions keep the
    # events' date order.
    named = data.event_links.loc[data.event_links["code"].isin(data.options.regions), "position"]
    events = data.events.iloc[np.unique(named.to_numpy(dtype=int))]
    return events[overlaps(events["year_start"], events["year_end"], filters.years)]


def _shows_region(options: CompareOptions, filters: CompareFilters) -> bool:
    return bool(options.regions) and any(c in options.region_states for c in filters.countries)
