"""How to cite a view: the citation to copy, and BibTeX and RIS files for reference managers."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from core.citation_files import CitedView, bibtex, ris
from core.export import file_name
from core.facts import Facts
from core.i18n import _, current_language, in_language
from core.reference import dashboard_citation


def cite_view(facts: Facts, *, page: str, page_title: str, link: str, key: str) -> None:
    """The view's citation, ready to copy, and its .bib and .ris (built only when clicked).
    `key` tells apart two such blocks on one page."""
    today = dt.date.today()
    language = current_language()
    view = CitedView(page_title=page_title, permalink=link, version=facts.version, retrieved=today)
    st.code(dashboard_citation(facts, today, link, page_title), language=None, wrap_lines=True)
    stem = file_name(page, ["citation"], today).removesuffix(".csv")
    row = st.container(horizontal=True, gap="small")
    row.download_button(
        _("BibTeX"),
        data=in_language(language, lambda: bibtex(facts, view)),
        file_name=f"{stem}.bib",
        mime="application/x-bibtex",
        on_click="ignore",
        icon=":material/format_quote:",
        key=f"{key}_bib",
        help=_("For Zotero, Mendeley, JabRef or LaTeX: this view and each source it draws on."),
    )
    row.download_button(
        _("RIS"),
        data=in_language(language, lambda: ris(facts, view)),
        file_name=f"{stem}.ris",
        mime="application/x-research-info-systems",
        on_click="ignore",
        icon=":material/format_quote:",
        key=f"{key}_ris",
        help=_("For EndNote, Zotero or Mendeley: this view and each source it draws on."),
    )
