"""Share and download controls: a permalink ready to copy, a safe CSV and a zip with its citation."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence

import pandas as pd
import streamlit as st

from components.citing import cite_view
from components.streamlit_internals import rerun_after_reconnect
from components.view_state import view_fragment
from core import api
from core.citation_files import CitedView, bibtex, ris
from core.export import ViewDescription, citation_zip, file_name, safe_csv, sources_of_rows
from core.facts import Facts
from core.i18n import _, current_language, in_language
from core.pages import Page
from core.url_state import LANGUAGE_PARAM, PUBLIC_URL_VARIABLE, page_address, permalink, public_base


def page_permalink(page: Page, query: Mapping[str, str | Iterable[str]], version: str) -> str:
    """The view's link: under DASHBOARD_PUBLIC_URL when it is set, else the browser's address."""
    # NOTE: st.context.url is the address in the user's browser without the query; it is None in
    # AppTest and before the browser has reported it, where a root-relative link still works.
    public, _problem = public_base(os.environ.get(PUBLIC_URL_VARIABLE))
    base = page_address(public, st.context.url, page.url_path)
    return permalink(base, {LANGUAGE_PARAM: current_language(), **query}, version)


def share_and_download(
    *,
    page: Page,
    link: str,
    rows: Callable[[], pd.DataFrame],
    facts: Facts,
    name_parts: Sequence[str] = (),
    filters: Mapping[str, str] | None = None,
) -> None:
    """One row of controls. The files are built only when a button is clicked, without a rerun,
    in the language of the page they were offered on (the click may be served in another thread).
    `name_parts` (the main filters) and the page's own fixed words name the files; `filters` is
    the view's filters in words, for the zip's README."""
    today = dt.date.today()
    language = current_language()
    page_title = _(page.full_title)
    tables = list(page.tables) if page.tables is not None else list(facts.package.resource_names)
    csv_name = file_name(page.slug, [*page.download_parts, *name_parts], today)
    rerun_after_reconnect()  # or, after a reconnect, the buttons below serve files of a dead process
    data_address = api.data_address(link, page)
    view = ViewDescription(page_title=page_title, permalink=link, filters=filters or {}, tables=tables, name=page.slug,
                           data_address=data_address, package_address=api.site_of(link, page).package)  # fmt: skip

    def citation_zip_file() -> bytes:
        """Built on a click: the view's rows once, for the CSV and for the sources its citations list."""
        frame = rows()
        cited = CitedView(page_title=page_title, permalink=link, version=facts.version, retrieved=today,
                          source_ids=sources_of_rows(frame))  # fmt: skip
        files = {"citation.bib": bibtex(facts, cited), "citation.ris": ris(facts, cited)}
        return citation_zip(frame, csv_name, view, facts, today, files)

    # The popovers' contents are written only while one is open: closed, their 12 elements were
    # still sent on every filter change (a quarter of its messages on /aid; docs/performance.md),
    # and the citation can name the view's own sources, found when it opens. Opening or closing
    # one reruns this fragment alone: a rerun of the buttons beside it would give their files new
    # ids, and a click on Download CSV that closed the Share popover then failed ("not found") in
    # the browser that still held the old one.
    @view_fragment
    def share_and_cite() -> None:
        # Rows that wrap, not columns: a column cut a label short when it was longer (Russian) or
        # the window narrower. The fragment draws into a block of its own, which in the row of the
        # download buttons took the row's spare width or squeezed Cite's label: so two rows.
        pair = st.container(horizontal=True, gap="small", vertical_alignment="center")
        share = pair.popover(_("Share this view"), icon=":material/link:", width="content", key=f"{page.slug}_share",
                           on_change="rerun")  # fmt: skip
        if share.open:
            with share:
                st.caption(_("This link reopens exactly this view, with every filter stated and the data version "
                             "pinned."))  # fmt: skip
                st.code(link, language=None, wrap_lines=True)
                if problem := public_base(os.environ.get(PUBLIC_URL_VARIABLE))[1]:
                    st.warning(problem, icon=":material/warning:")
                get_this_data(data_address)
        cite = pair.popover(_("Cite this view"), icon=":material/format_quote:", width="content",
                          key=f"{page.slug}_cite_view", on_change="rerun")  # fmt: skip
        if cite.open:
            with cite:
                st.caption(_("The dashboard with its data version, this view's link and the sources the figures "
                             "come from."))  # fmt: skip
                cite_view(facts, page=page, link=link, key=f"{page.slug}_cite", source_ids=sources_of_rows(rows()))

    share_and_cite()
    row = st.container(horizontal=True, gap="small", vertical_alignment="center")
    row.download_button(
        _("Download CSV"),
        data=in_language(language, lambda: safe_csv(rows())),
        file_name=csv_name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        width="content",
        help=_("Exactly the rows of this view, with source, quote and where it stands; formulas neutralised."),
    )
    row.download_button(
        _("Download with citation"),
        data=in_language(language, citation_zip_file),
        file_name=csv_name.removesuffix(".csv") + ".zip",
        mime="application/zip",
        on_click="ignore",
        icon=":material/folder_zip:",
        width="content",
        help=_(
            "A zip of the CSV, a datapackage.json describing its columns, a README with the link and the "
            "citation, and the citation as BibTeX and RIS."
        ),
    )


def get_this_data(address: str) -> None:
    """The view's CSV at the API, and a line of pandas and of R that reads it."""
    heading = _("Get this data")
    st.markdown(f"**{heading}**")
    st.caption(_("This view's rows as CSV at a URL, for scripts and notebooks. It always gives the current data, "
                 "so it names no data version; add `v=` to refuse any other."))  # fmt: skip
    st.code(address, language=None, wrap_lines=True)
    st.code(api.pandas_line(address), language="python", wrap_lines=True)
    st.code(api.r_line(address), language="r", wrap_lines=True)
