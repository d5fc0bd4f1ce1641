"""The page registry: every page of the app declared once.

A page's slug, address, title, icon, script, parameters, its download's rows (core.view_rows) and
the tables its zip holds are written here and nowhere else. Navigation (components.navigation),
permalinks and downloads (components.share), widget keys (components.filters,
components.view_state), chart file names (components.charts), the API (core.api), docs/links.md
(core.links_doc) and the tests' lists of pages read them.

NOTE: `url_path` is what shared links name: changing it breaks every link made before. The
script's file name plays no part in the address.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core import aid, i18n, timeline
from core.compare import params as compare_params
from core.i18n import N_
from core.params import PageParams
from core.view_rows import AID_ROWS, COMPARE_ROWS, OVERVIEW_ROWS, SOURCES_ROWS, TIMELINE_ROWS, ViewRows


@dataclass(frozen=True)
class Page:
    slug: str  # names the page's downloads, chart pictures and widget keys
    url_path: str  # its address: "" for the default page, served at /
    title: str  # the menu's and the browser tab's title (English, marked with N_(); shown through _())
    icon: str
    script: str  # its script under dashboard/app_pages/
    # The tables of the data package its zip holds, besides the view's CSV; None: every table.
    tables: tuple[str, ...] | None
    rows: ViewRows  # what its Download CSV holds for a view: the page's button and the API build it alike
    params: PageParams | None = None  # None: a page with no filters
    # The title a citation and a download name, when longer than the menu's (English, N_()).
    cited_title: str | None = None
    download_parts: tuple[str, ...] = ()  # fixed words in its download's file name ("key-figures")
    analysis: bool = False  # one of the pages that explore the data, which the Overview links to

    @property
    def default(self) -> bool:
        return self.url_path == ""

    @property
    def full_title(self) -> str:
        """The title a citation and a download give the page (English; shown through _())."""
        return self.cited_title or self.title

    def widget_key(self, field: str) -> str:
        """The session key of a parameter's widget. In a language other than English it names the
        language: Streamlit's widgets keep the option labels they were first drawn with, so after a
        switch of language the page draws new widgets, seeded from the URL (which holds the view)."""
        language = i18n.current_language()
        key = f"{self.slug}_{field}"
        return key if language == i18n.ENGLISH else f"{key}_{language}"

    def widget_values(self, filters: Any) -> dict[str, Any]:
        """Session-state values for the page's widgets, keyed as the widgets are."""
        assert self.params is not None, f"{self.slug} has no parameters"
        return {self.widget_key(p.field): getattr(filters, p.field) for p in self.params.params}


OVERVIEW = Page(
    slug="overview", url_path="", title=N_("Overview"), icon=":material/home:", script="overview.py",
    tables=("money", "figures", "actors", "statuses", "sources"), rows=OVERVIEW_ROWS, download_parts=("key-figures",),
)  # fmt: skip
AID = Page(
    slug="aid", url_path="aid", title=N_("Aid and investment"), icon=":material/payments:", script="aid.py",
    tables=("money", "actors", "statuses", "flow_kinds", "sources"), params=aid.params.PARAMS, analysis=True,
    rows=AID_ROWS,
)  # fmt: skip
TIMELINE = Page(
    slug="timeline", url_path="timeline", title=N_("Dialogue timeline"), icon=":material/timeline:",
    script="timeline.py", tables=("events", "categories", "actors", "sources"), params=timeline.params.PARAMS,
    analysis=True, rows=TIMELINE_ROWS,
)  # fmt: skip
COMPARE = Page(
    slug="compare", url_path="compare", title=N_("Country comparison"), icon=":material/compare_arrows:",
    script="compare.py", params=compare_params.PARAMS, analysis=True, rows=COMPARE_ROWS,
    tables=("money", "events", "figures", "actors", "statuses", "flow_kinds", "categories", "sources"),
)  # fmt: skip
SOURCES = Page(
    slug="sources", url_path="sources", title=N_("Sources"), icon=":material/menu_book:", script="sources.py",
    tables=None, rows=SOURCES_ROWS, cited_title=N_("Sources and data dictionary"), download_parts=("data-dictionary",),
)  # fmt: skip

PAGES: tuple[Page, ...] = (OVERVIEW, AID, TIMELINE, COMPARE, SOURCES)  # in menu order; the first is at /
ANALYSIS_PAGES: tuple[Page, ...] = tuple(page for page in PAGES if page.analysis)


def by_slug(slug: str) -> Page:
    return next(page for page in PAGES if page.slug == slug)
