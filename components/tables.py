"""On-screen tables: gaps read "not stated", and a long view is shown in part, never silently."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from core.formatting import ScreenTable, screen_table


def show_table(table: ScreenTable, column_config: dict | None = None) -> None:
    """A table built by `core.formatting.screen_table`, saying so when it shows only part."""
    st.dataframe(table.arrow, hide_index=True, width="stretch", column_config=column_config)
    if table.total > table.shown:
        st.caption(f"Showing the first {table.shown:,} of {table.total:,} rows; Download CSV has all of them.")


def data_table(
    rows: pd.DataFrame,
    shape: Callable[[pd.DataFrame], pd.DataFrame] = lambda frame: frame,
    column_config: dict | None = None,
) -> None:
    """Shape and show a view built on this rerun (a view shared per filter state has its table ready)."""
    show_table(screen_table(rows, shape), column_config)
