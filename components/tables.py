"""On-screen tables: gaps read "not stated", and a long view is shown in part, never silently."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.formatting import for_display

# NOTE: st.dataframe sends every row to the browser; past a few thousand rows that costs seconds
# and memory per rerun while nobody reads them. The CSV download always has every row.
SHOWN_ROWS = 1_000


def data_table(frame: pd.DataFrame, column_config: dict | None = None) -> None:
    shown = frame if len(frame) <= SHOWN_ROWS else frame.head(SHOWN_ROWS)
    st.dataframe(for_display(shown), hide_index=True, width="stretch", column_config=column_config)
    if len(frame) > SHOWN_ROWS:
        st.caption(f"Showing the first {SHOWN_ROWS:,} of {len(frame):,} rows; Download CSV has all of them.")
