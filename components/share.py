"""Share and download controls: a permalink ready to copy, a safe CSV and a zip with its citation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

import pandas as pd
import streamlit as st

from components.reconnect import rerun_after_reconnect
from core.export import ViewDescription, citation_zip, file_name, safe_csv
from core.facts import Facts
from core.url_state import permalink


def page_permalink(url_path: str, query: Mapping[str, str | Iterable[str]], version: str) -> str:
    # NOTE: st.context.url is the address in the user's browser without the query; it is None in
    # AppTest and before the browser has reported it, where a root-relative link still works.
    base = st.context.url or f"/{url_path}"
    return permalink(base, query, version)


def share_and_download(
    *,
    page: str,
    page_title: str,
    link: str,
    rows: Callable[[], pd.DataFrame],
    name_parts: list[str],
    filters: Mapping[str, str],
    tables: list[str],
    facts: Facts,
) -> None:
    """One row of controls. The files are built only when a button is clicked, without a rerun."""
    today = dt.date.today()
    csv_name = file_name(page, name_parts, today)
    rerun_after_reconnect()  # or, after a reconnect, the buttons below serve files of a dead process
    view = ViewDescription(page_title=page_title, permalink=link, filters=filters, tables=tables)
    share, csv, bundle = st.columns([1, 1, 1], vertical_alignment="center")
    with share.popover("Share this view", icon=":material/link:", width="stretch"):
        st.caption("This link reopens exactly this view, with every filter stated and the data version pinned.")
        st.code(link, language=None, wrap_lines=True)
    csv.download_button(
        "Download CSV",
        data=lambda: safe_csv(rows()),
        file_name=csv_name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        width="stretch",
        help="Exactly the rows of this view, with source, quote and paragraph; formulas neutralised.",
    )
    bundle.download_button(
        "Download with citation",
        data=lambda: citation_zip(rows(), csv_name, view, facts, today),
        file_name=csv_name.removesuffix(".csv") + ".zip",
        mime="application/zip",
        on_click="ignore",
        icon=":material/folder_zip:",
        width="stretch",
        help="A zip of the CSV, the tables' metadata and a README with the link and a suggested citation.",
    )
