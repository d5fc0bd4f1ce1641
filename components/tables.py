"""On-screen tables: gaps read "not stated", and a long view is shown in part, never silently."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.formatting import SHOWN_ROWS, for_display


def data_table(
    rows: pd.DataFrame,
    shape: Callable[[pd.DataFrame], pd.DataFrame] = lambda frame: frame,
    column_config: dict | None = None,
    total: int | None = None,
) -> None:
    """Show `shape(rows)` for at most SHOWN_ROWS rows; shaping only those keeps a big view cheap.
    `total`: how many rows there are in all, when `rows` is already only the first ones."""
    shown = shape(rows.head(SHOWN_ROWS))
    st.dataframe(for_display(shown), hide_index=True, width="stretch", column_config=column_config)
    total = len(rows) if total is None else total
    if total > len(shown):
        st.caption(f"Showing the first {len(shown):,} of {total:,} rows; Download CSV has all of them.")
