"""How to cite a view: the citation to copy, and BibTeX and RIS files for reference managers."""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from components.data import derived
from core.citation_files import CitedView, bibtex, ris
from core.export import file_name
from core.facts import Facts
from core.i18n import _, current_language, in_language
from core.pages import Page
from core.reference import dashboard_citation, sources_in_brief


def cite_view(facts: Facts, *, page: Page, link: str, key: str, source_ids: frozenset[str] | None = None) -> None:
    """The view's citation, ready to copy, and its .bib and .ris (built only when clicked): each
    names the sources `source_ids` (the view's), or every source for None. `key` tells apart two
    such blocks on one page."""
    page_title = _(page.full_title)
    today = dt.date.today()
    language = current_language()
    view = CitedView(page_title=page_title, permalink=link, version=facts.version, retrieved=today,
                     source_ids=source_ids)  # fmt: skip
    # Every source's list is kept per data version and language; a view's own is built when asked.
    sources = derived(facts, sources_in_brief) if source_ids is None else sources_in_brief(facts, source_ids)
    citation = dashboard_citation(facts, today, link, page_title, sources=sources)
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
            data=in_language(language, partial(build, facts, view)),
            file_name=f"{stem}.{extension}",
            mime=mime,
            on_click="ignore",
            icon=":material/format_quote:",
            key=f"{key}_{extension}",
            help=help_text,
        )
