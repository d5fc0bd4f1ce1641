"""The aid page's table: its rows as the CSV has them (the screen shows them through
core.formatting.on_screen).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.columns import NOT_STATED_BY_SOURCE, STATED
from core.export import citations

PER_YEAR_COLUMN = "amount_per_year"  # the CSV's column of each figure's amount per year (an assumption)


def table(flows: pd.DataFrame, per_year: bool = False, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows as the CSV has them (core.columns names and describes each column; the screen
    shows them through core.formatting.on_screen): exact dollars as integers, a gap as an empty cell
    with `year_end_status` saying whose gap, codes beside labels, every caveat (`note`), provenance last.

    With `per_year`, `amount_per_year` spreads each figure evenly over its stated years (an
    assumption; empty for a figure with no full period). With `sources` (the sources table), a
    `citation` column cites each figure's source, locator and quote.
    """
    flows = flows.reset_index(drop=True)
    columns = {
        "flow_id": "flow_id",
        "recipient_code": "recipient_code",
        "recipient_name": "recipient",
        "kind": "kind_code",
        "kind_label": "kind",
        "status": "status_code",
        "status_label": "status",
        "qualifier": "qualifier",
        "amount": "amount",
        "currency": "currency",
        "year_start": "year_start",
        "year_end": "year_end",
        "description": "description",
        "note": "note",
        "aggregate": "aggregate",
        "stated_by": "stated_by_code",
        "stated_by_name": "stated_by",
        "sources_differ": "sources_differ",
        "source_id": "source_id",
        "locator": "locator",
        "quote": "quote",
        "source_ids": "source_ids",
        "publishers": "publishers",
        "urls": "urls",
    }
    # Plain text and integers, not categoricals: a CSV reader sees the values, and Int64 writes no ".0".
    result = pd.DataFrame(
        {new: _plain(flows[old]) for old, new in columns.items() if old in flows.columns},
        index=flows.index,
    )
    stated = result["year_end"].notna().to_numpy(dtype=bool)
    status = pd.Series(np.where(stated, STATED, NOT_STATED_BY_SOURCE), index=result.index, dtype="string")
    result.insert(list(result.columns).index("year_end") + 1, "year_end_status", status)
    if per_year:
        years = (flows["year_end"] - flows["year_start"] + 1).astype("Float64")
        spread = (flows["amount"].astype("Float64") / years).round(0).astype("Int64")
        result.insert(list(result.columns).index("amount") + 1, PER_YEAR_COLUMN, spread)
    if sources is not None:
        result["citation"] = citations(result, sources)
    return result


def _plain(column: pd.Series) -> pd.Series:
    if pd.api.types.is_integer_dtype(column) or pd.api.types.is_float_dtype(column):
        return column.astype("Int64") if pd.api.types.is_integer_dtype(column) else column
    return column.astype("string")
