"""On-screen tables: gaps read "not stated", and a long view is shown in part, never silently."""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd
import pyarrow as pa
import streamlit as st

from core import i18n
from core.formatting import ScreenTable, screen_table
from core.i18n import _


def show_table(table: ScreenTable, column_config: dict | None = None) -> None:
    """A table built by `core.formatting.screen_table`, saying so when it shows only part.

    Column names are the CSV's English identifiers (marked with N_ where defined); the headings
    shown, and `column_config`'s keys, are their translations.
    """
    config = None if column_config is None else {_(name): value for name, value in column_config.items()}
    st.dataframe(_translated_headings(table.arrow), hide_index=True, width="stretch", column_config=config)
    if table.total > table.shown:
        st.caption(
            _("Showing the first {shown} of {total} rows; Download CSV has all of them.").format(
                shown=i18n.number(table.shown), total=i18n.number(table.total)
            )
        )


def _translated_headings(arrow: pa.Table) -> pa.Table:
    """`arrow` with each column named by its translation; the table itself when none changes (English)."""
    names = arrow.column_names
    headings = [_(name) for name in names]
    if headings == names:
        return arrow
    renamed = arrow.rename_columns(headings)
    metadata = arrow.schema.metadata or {}
    if b"pandas" not in metadata:
        return renamed
    # NOTE: pandas' metadata names each column too; left stale, a nullable integer column read
    # back (the tests read st.dataframe's value) would turn into floats.
    pandas_metadata = json.loads(metadata[b"pandas"])
    rename = dict(zip(names, headings, strict=True))
    for column in pandas_metadata.get("columns", []):
        if column.get("field_name") in rename:
            column["name"] = column["field_name"] = rename[column["field_name"]]
    return renamed.replace_schema_metadata({**metadata, b"pandas": json.dumps(pandas_metadata).encode()})


def data_table(
    rows: pd.DataFrame,
    shape: Callable[[pd.DataFrame], pd.DataFrame] = lambda frame: frame,
    column_config: dict | None = None,
) -> None:
    """Shape and show a view built on this rerun (a view shared per filter state has its table ready)."""
    show_table(screen_table(rows, shape), column_config)
