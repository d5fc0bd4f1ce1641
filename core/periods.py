"""Periods and year ranges, one rule for every page: when a fact's period meets the chosen years."""

from __future__ import annotations

import numpy as np
import pandas as pd

NO_YEARS = (1900, 2100)  # the range offered when the data dates nothing


def year_bounds(*columns: pd.Series) -> tuple[int, int]:
    """The first and last year stated in any of `columns`, or NO_YEARS when none is."""
    years = pd.concat([c.dropna() for c in columns]) if columns else pd.Series(dtype="Int64")
    years = years.dropna()
    return (int(years.min()), int(years.max())) if len(years) else NO_YEARS


def overlaps(start: pd.Series, end: pd.Series, years: tuple[int, int]) -> pd.Series:
    """True where a period overlaps `years`. An open period (a start, no stated end) runs on from
    its start; a fact with no period overlaps nothing (it is kept or dropped by its own option)."""
    first, last = years
    runs_to = end.fillna(np.iinfo(np.int32).max)  # open period: no end stated, so it has not ended
    return (start.notna() & (start <= last) & (runs_to >= first)).fillna(False).astype(bool)
