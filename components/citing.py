"""How to cite a view: the citation to copy, and BibTeX and RIS files for reference managers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from functools import partial

import streamlit as st

from components.data import derived
from core.citation_files import CitedView, bibtex, ris
from core.export import file_name
from core.facts import Facts
from core.i18n import _, current_language, in_language
from core.pages import Page
from core.reference import dashboard_citation, sources_in_brief


def cite_view(
    facts: Facts, *, page: Page, link: str, key: str, source_ids: Callable[[], frozenset[str] | None] | None = None
) -> None:
    """The view's citation, ready to copy, and its .bib and .ris (built only when clicked), which
    list the sources `source_ids` gives (on the click), or every source without it. `key` tells
    apart two such blocks on one page."""
    page_title = _(page.full_title)
    today = dt.date.today()
    language = current_language()
    view = CitedView(page_title=page_title, permalink=link, version=facts.version, retrieved=today)
    citation = dashboard_citation(facts, today, link, page_title, sources=derived(facts, sources_in_brief))
    st.code(citation, language=None, wrap_lines=True)
    stem = file_name(page.slug, ["citation"], today).removesuffix(".csv")
    row = st.container(horizontal=True, gap="small")
    formats = (  # label, builder, extension, MIME type, help
        ("BibTeX", bibtex, "bib", "application/x-bibtex",
         _("For Zotero, Mendeley, JabRef or LaTeX: this view and each source it draws on.")),
        ("RIS", ris, "ris", "application/x-research-info-systems",
         _("For EndNote, Zotero or Mendeley: this view and each source it draws on.")),
    )  # fmt: skip
    for label, build, extension, mime, help_text in formats:
        row.download_button(
            label,
            data=in_language(language, partial(_cited, build, facts, view, source_ids)),
            file_name=f"{stem}.{extension}",
            mime=mime,
            on_click="ignore",
            icon=":material/format_quote:",
            key=f"{key}_{extension}",
            help=help_text,
        )


def _cited(
    build: Callable[[Facts, CitedView], str],
    facts: Facts,
    view: CitedView,
    source_ids: Callable[[], frozenset[str] | None] | None,
) -> str:
    return build(facts, view if source_ids is None else dataclasses.replace(view, source_ids=source_ids()))
