"""The app's pages for `st.navigation`, built from the page registry (core.pages), in menu order."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from core.i18n import _
from core.pages import ANALYSIS_PAGES, PAGES, Page

_PAGES_DIR = Path(__file__).resolve().parents[1] / "dashboard" / "app_pages"


def streamlit_page(page: Page) -> st.Page:
    # The default page is served at / whatever its url_path; every other page at its own, stated
    # explicitly so that renaming a script never moves an address a link names.
    where = {"default": True} if page.default else {"url_path": page.url_path}
    return st.Page(_PAGES_DIR / page.script, title=_(page.title), icon=page.icon, **where)


def analysis_pages() -> list[st.Page]:
    """The pages that explore the data; the Overview links to each of them."""
    return [streamlit_page(page) for page in ANALYSIS_PAGES]


def all_pages() -> list[st.Page]:
    return [streamlit_page(page) for page in PAGES]
