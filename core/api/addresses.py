"""Every address the API writes or a page offers for it, built on the site's base address."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.api.answers import API_PREFIX
from core.pages import Page
from core.url_state import VERSION_PARAM, query_string

PACKAGE_FILE = "datapackage.json"  # the descriptor as JSON, at API_PREFIX/data/


@dataclass(frozen=True)
class Site:
    """Where the dashboard is read: its base address (the public one when configured), without a
    trailing slash. Every address an answer writes is built here."""

    base: str

    def page(self, page: Page, query: Mapping[str, str | Iterable[str]]) -> str:
        return f"{self.base}/{page.url_path}?{query_string(query)}"

    def api(self, page: Page, format: str, query: Mapping[str, str | Iterable[str]] | None = None) -> str:
        address = f"{self.base}{API_PREFIX}/{page.slug}.{format}"
        return f"{address}?{query_string(query)}" if query else address

    @property
    def package(self) -> str:
        return f"{self.base}{API_PREFIX}/data/{PACKAGE_FILE}"

    @property
    def index(self) -> str:
        return f"{self.base}{API_PREFIX}/"


def site_of(permalink: str, page: Page) -> Site:
    """The site a page's permalink is on: its address without the page's path and the query."""
    parts = urllib.parse.urlsplit(permalink)
    path = parts.path.rstrip("/")
    if page.url_path and path.endswith(f"/{page.url_path}"):
        path = path[: -len(page.url_path) - 1]
    return Site(urllib.parse.urlunsplit(parts._replace(path=path, query="", fragment="")))


def data_address(permalink: str, page: Page, format: str = "csv") -> str:
    """The API address of the view a permalink names: the same parameters without the data version,
    so that a script fetching it follows the data as it is updated."""
    query = [(k, v) for k, v in urllib.parse.parse_qsl(urllib.parse.urlsplit(permalink).query, keep_blank_values=True)
             if k != VERSION_PARAM]  # fmt: skip
    address = site_of(permalink, page).api(page, format)
    return f"{address}?{urllib.parse.urlencode(query, quote_via=urllib.parse.quote)}" if query else address


def pandas_line(address: str) -> str:
    return f'import pandas as pd; rows = pd.read_csv("{address}")'


def r_line(address: str) -> str:
    # The CSV starts with a byte-order mark (for spreadsheets); R's read.csv keeps it in the first name unless told.
    return f'rows <- read.csv("{address}", fileEncoding = "UTF-8-BOM")'
