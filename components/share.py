"""Share and download controls: a permalink ready to copy, a safe CSV and a zip with its citation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

import pandas as pd
import streamlit as st

from components.reconnect import rerun_after_reconnect
from core.export import ViewDescription, citation_zip, file_name, safe_csv
from core.facts import Facts
from core.i18n import _, current_language, in_language
from core.url_state import LANGUAGE_PARAM, permalink


def page_permalink(url_path: str, query: Mapping[str, str | Iterable[str]], version: str) -> str:
    # NOTE: st.context.url is the address in the user's browser without the query; it is None in
    # AppTest and before the browser has reported it, where a root-relative link still works.
    base = st.context.url or f"/{url_path}"
    return permalink(base, {LANGUAGE_PARAM: current_language(), **query}, version)


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
    """One row of controls. The files are built only when a button is clicked, without a rerun,
    in the language of the page they were offered on (the click may be served in another thread)."""
    today = dt.date.today()
    language = current_language()
    csv_name = file_name(page, name_parts, today)
    rerun_after_reconnect()  # or, after a reconnect, the buttons below serve files of a dead process
    view = ViewDescription(page_title=page_title, permalink=link, filters=filters, tables=tables, name=page)
    # A row that wraps, not three columns: a column cut a label short when it was longer (Russian)
    # or the window narrower.
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    with row.popover(_("Share this view"), icon=":material/link:", width="content"):
        st.caption(_("This link reopens exactly this view, with every filter stated and the data version pinned."))
        st.code(link, language=None, wrap_lines=True)
    row.download_button(
        _("Download CSV"),
        data=in_language(language, lambda: safe_csv(rows())),
        file_name=csv_name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        width="content",
        help=_("Exactly the rows of this view, with source, quote and paragraph; formulas neutralised."),
    )
    row.download_button(
        _("Download with citation"),
        data=in_language(language, lambda: citation_zip(rows(), csv_name, view, facts, today)),
        file_name=csv_name.removesuffix(".csv") + ".zip",
        mime="application/zip",
        on_click="ignore",
        icon=":material/folder_zip:",
        width="content",
        help=_("A zip of the CSV, the tables' metadata and a README with the link and a suggested citation."),
    )
