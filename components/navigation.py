"""The pages of the app, in menu order. The first is served at `/`."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from core.i18n import _

_PAGES_DIR = Path(__file__).resolve().parents[1] / "dashboard" / "app_pages"


def analysis_pages() -> list[st.Page]:
    """The pages that explore the data; the Overview links to each of them."""
    return [
        st.Page(_PAGES_DIR / "aid.py", title=_("Aid and investment"), icon=":material/payments:", url_path="aid"),
        st.Page(
            _PAGES_DIR / "timeline.py", title=_("Dialogue timeline"), icon=":material/timeline:", url_path="timeline"
        ),
        st.Page(_PAGES_DIR / "compare.py", title=_("Country comparison"), icon=":material/compare_arrows:"),
    ]


def all_pages() -> list[st.Page]:
    return [
        st.Page(_PAGES_DIR / "overview.py", title=_("Overview"), icon=":material/home:", default=True),
        *analysis_pages(),
        st.Page(_PAGES_DIR / "sources.py", title=_("Sources"), icon=":material/menu_book:", url_path="sources"),
    ]
