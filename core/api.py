"""The read-only API at /api/v1: every page's download at a URL, and the data package itself.

Pure: a request's page, format and query go in, an `Answer` (status, headers, body) comes out;
dashboard/api.py puts it on Starlette routes beside the app. A view's rows are built by the same
functions as the page's Download CSV (`Page.rows`, core.view_rows), its query is read by the same
parameter registry (core.params) and is refused, not repaired: where the page would show a notice
("ignored unknown parameter(s): …"), the API answers 400 with that notice, so a script never gets
a view it did not ask for.
"""

from __future__ import annotations

import hashlib
import json
import threading
import urllib.parse
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from core import i18n
from core.columns import LIST_SEPARATOR
from core.datapackage import raw_descriptor
from core.export import csv_chunks
from core.facts import Facts
from core.i18n import _
from core.pages import PAGES, Page
from core.params import EVERY_PAGE, ChoiceParam, ListParam, YearsParam, translated
from core.problems import DataError
from core.reference import full_reference
from core.url_state import EMPTY_LIST, LANGUAGE_PARAM, VERSION_PARAM, QueryReader, query_string, version_notice

API_PREFIX = "/api/v1"
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
PACKAGE_FILE = "datapackage.json"  # the descriptor as JSON, at API_PREFIX/data/
METHODS = ("GET", "HEAD")
# Views change only with the data (the ETag says which version); a short life lets a proxy or a
# notebook reuse an answer without serving yesterday's data for long after an update.
CACHE_CONTROL = "public, max-age=300"
ROWS_PER_CHUNK = 5_000
# How a caller builds (and may cache) something derived from the facts: components.data.derived.
Derive = Callable[[Facts, Callable[[Facts], Any]], Any]


class AnswerCache:
    """The bodies of small views, by ETag (which names the data version, the view and the site), so
    that a view asked for again (a notebook rerun, a dashboard polling) is not rebuilt. Bounded in
    bytes, least recently used out first; a data update changes every tag, so old bodies age out."""

    def __init__(self, max_bytes: int = 32_000_000, max_body: int = 1_000_000) -> None:
        self.max_bytes, self.max_body = max_bytes, max_body
        self._bodies: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, tag: str) -> bytes | None:
        with self._lock:
            body = self._bodies.get(tag)
            if body is not None:
                self._bodies.move_to_end(tag)
            return body

    def put(self, tag: str, body: bytes) -> None:
        if len(body) > self.max_body:
            return
        with self._lock:
            if tag in self._bodies:
                return
            self._bodies[tag] = body
            self._size += len(body)
            while self._size > self.max_bytes:
                _old, dropped = self._bodies.popitem(last=False)
                self._size -= len(dropped)


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: the body is bytes, or pieces to stream (a big view is never built whole)."""

    status: int
    body: bytes | Iterable[bytes]
    media_type: str = "application/json"
    headers: Mapping[str, str] = field(default_factory=dict)


def public_headers(etag: str | None = None) -> dict[str, str]:
    """What every answer to GET or HEAD carries: the data is public, so any site may read it."""
    headers = {"Access-Control-Allow-Origin": "*", "X-Content-Type-Options": "nosniff"}
    if etag:
        headers |= {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    return headers


def problem_answer(status: int, error: str, problems: Sequence[str] = (), **more: Any) -> Answer:
    """A JSON error: what went wrong (`error`) and each thing to fix (`problems`), in words."""
    body = {"error": error, "problems": list(problems), **more}
    return Answer(status, _json_bytes(body), headers=public_headers())


def method_not_allowed(method: str) -> Answer:
    answer = problem_answer(405, _("The API is read-only: {method} is not allowed; use GET or HEAD.").format(
        method=method[:20]))  # fmt: skip
    return Answer(answer.status, answer.body, headers={**answer.headers, "Allow": ", ".join(METHODS)})


def not_found(path: str, base: str) -> Answer:
    return problem_answer(
        404,
        _("Nothing is served at {path}. The index of what the API serves: {index}").format(
            path=path[:200], index=f"{base}{API_PREFIX}/"
        ),
    )


def data_problems_answer(err: DataError | OSError) -> Answer:
    """The data behind the dashboard is broken: the problems, as `python -m dashboard validate` lists them."""
    problems = [str(p) for p in err.problems] if isinstance(err, DataError) else [str(err.strerror or err)]
    return problem_answer(
        503, _("The dashboard's data could not be read; `python -m dashboard validate` lists the same problems."),
        problems,
    )  # fmt: skip


def page_named(name: str) -> Page | None:
    """The page an API address names by its slug (`aid` in /api/v1/aid.csv)."""
    return next((page for page in PAGES if page.slug == name), None)


def grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """A query's pairs by key, values in order (repeated keys are lists)."""
    by_key: dict[str, list[str]] = {}
    for key, value in pairs:
        by_key.setdefault(key, []).append(value)
    return by_key


def requested_language(query: Mapping[str, Sequence[str]]) -> tuple[str, list[str]]:
    """The language a query asks for (English when it names none) and the problem if it names
    one the dashboard does not speak."""
    reader = QueryReader(query)
    language = reader.language(i18n.LANGUAGES)
    return language or i18n.ENGLISH, reader.notices


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


def view_query(page: Page, filters: Any, language: str) -> dict[str, str | tuple[str, ...]]:
    """The view's parameters with every value explicit, its language first (as the page's address bar)."""
    query: dict[str, str | tuple[str, ...]] = {LANGUAGE_PARAM: language}
    if page.params is not None:
        query |= page.params.to_query(filters)
    return query


def etag(version: str, *parts: str) -> str:
    """Weak (W/): the same data version and request give the same content, which the server may
    send compressed or not (Streamlit's middleware gzips answers a client accepts so)."""
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]
    return f'W/"{version}-{digest}"'


def fresh(if_none_match: str | None, tag: str) -> bool:
    """Whether the client's copy (If-None-Match) is this version: then 304, no body."""
    if not if_none_match:
        return False

    def opaque(tag: str) -> str:  # the weak comparison (RFC 9110, 8.8.3.2): W/ does not count
        return tag.strip().removeprefix("W/")

    return if_none_match.strip() == "*" or opaque(tag) in (opaque(t) for t in if_none_match.split(","))


def not_modified(tag: str) -> Answer:
    return Answer(304, b"", headers=public_headers(tag))


def view_answer(
    page: Page,
    format: str,
    query: Mapping[str, Sequence[str]],
    facts: Facts,
    derive: Derive,
    site: Site,
    if_none_match: str | None = None,
    cache: AnswerCache | None = None,
) -> Answer:
    """One page's download for the view `query` states, as CSV or JSON; 400 naming each problem
    when the query has any. `facts` are in the query's language (`requested_language`). With
    `cache`, a small view's body is kept and served again for the same ETag."""
    reader = QueryReader(query)
    spec = page.rows
    options = derive(facts, spec.options) if spec.options else None
    data = derive(facts, spec.data)
    filters = spec.read(reader, options, data) if spec.read else None
    reader.language(i18n.LANGUAGES)
    if problems := reader.finish():
        return problem_answer(
            400, _("The query asks for a view this page cannot show. Fix each problem listed."), problems,
            parameters=site.index,
        )  # fmt: skip
    if (stale := version_notice(reader.version(), facts.version)) is not None:
        return problem_answer(409, stale, [stale], data_version=facts.version)
    view = view_query(page, filters, facts.language)
    tag = etag(facts.version, page.slug, format, site.base, query_string(view), str(sorted(query.items())))
    if fresh(if_none_match, tag):
        return not_modified(tag)
    headers = {**public_headers(tag), "Content-Language": facts.language}
    if cache is not None and (kept := cache.get(tag)) is not None:
        return Answer(200, kept, FORMATS[format], headers)
    # Built lazily, a piece at a time, as the answer is sent (HEAD builds nothing), in this
    # request's language although another thread sends it.
    pieces = spec.in_pieces(data, filters, facts, ROWS_PER_CHUNK)
    if format == "csv":
        body: Iterator[bytes] = csv_chunks(pieces, ROWS_PER_CHUNK)
    else:
        body = json_chunks(_json_head(page, facts, site, view, filters, options), pieces, facts.sources)
    body = i18n.each_in_language(facts.language, body)
    return Answer(200, _kept_when_small(tag, body, cache) if cache is not None else body, FORMATS[format], headers)


def _kept_when_small(tag: str, body: Iterator[bytes], cache: AnswerCache) -> Iterator[bytes]:
    """`body` as it is sent; once sent whole, kept in `cache` if it is small enough."""
    kept: list[bytes] | None = []
    size = 0
    for piece in body:
        if kept is not None:
            size += len(piece)
            kept = [*kept, piece] if size <= cache.max_body else None
        yield piece
    if kept is not None:
        cache.put(tag, b"".join(kept))


def _json_head(
    page: Page,
    facts: Facts,
    site: Site,
    view: dict[str, str | tuple[str, ...]],
    filters: Any,
    options: Any,
) -> dict[str, Any]:
    """What a view's JSON says before its rows (json_chunks adds the count and sources after)."""
    words = page.params.summary(filters, options) if page.params is not None else {}
    return {
        "page": page.slug,
        "title": _(page.full_title),
        "data_version": facts.version,
        "language": facts.language,
        "permalink": site.page(page, {**view, VERSION_PARAM: facts.version}),
        "csv": site.api(page, "csv", view),
        "parameters": {key: _as_json_value(value) for key, value in view.items()},
        "filters": words,
    }


def _as_json_value(value: str | tuple[str, ...]) -> str | list[str]:
    if isinstance(value, str):
        return value
    return [] if tuple(value) == EMPTY_LIST else list(value)


def cited_ids(rows: pd.DataFrame) -> dict[str, None]:
    """The source ids the rows cite in their `source_id` and `source_ids` cells, in order met."""
    cited: dict[str, None] = {}
    for column in ("source_id", "source_ids"):
        if column in rows.columns:
            for cell in rows[column].dropna().astype(str).unique():
                cited.update(dict.fromkeys(part.strip() for part in cell.split(LIST_SEPARATOR.strip()) if part.strip()))
    return cited


def sources_behind(cited: Iterable[str], sources: pd.DataFrame) -> list[dict[str, Any]]:
    """The cited sources as the package names them: id, full reference, address."""
    by_id = {str(s["source_id"]): s for s in sources.to_dict("records")}
    return [
        {"source_id": key, "reference": full_reference(by_id[key]), "url": _text(by_id[key].get("url"))}
        for key in cited
        if key in by_id
    ]


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)  # type: ignore[call-overload]


def json_chunks(head: Mapping[str, Any], pieces: Iterable[pd.DataFrame], sources: pd.DataFrame) -> Iterator[bytes]:
    """`{...head, "rows": [records], "row_count": n, "sources": [...]}`, the records written a
    piece at a time; the count and the sources the rows cite come after them, as only then are
    they known without holding every row. Empty cells are null."""
    opening = _json_bytes(dict(head))
    yield opening[:-1] + b', "rows": ['
    count, cited = 0, dict[str, None]()
    for piece in pieces:
        if len(piece):
            records = piece.to_json(orient="records", force_ascii=False)
            yield (b", " if count else b"") + records[1:-1].encode("utf-8")
            count += len(piece)
            cited |= cited_ids(piece)
    tail = _json_bytes({"row_count": count, "sources": sources_behind(cited, sources)})
    yield b"], " + tail[1:]


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, default=str).encode("utf-8")


def index_answer(facts: Facts, derive: Derive, site: Site, if_none_match: str | None = None) -> Answer:
    """What the API serves: each page's addresses, its parameters (from the registry) and formats."""
    pages = []
    for page in PAGES:
        options = derive(facts, page.rows.options) if page.rows.options else None
        params = list(page.params.params) if page.params is not None else []
        pages.append({
            "page": page.slug,
            "title": _(page.full_title),
            "address": f"{site.base}/{page.url_path}",
            "formats": {format: site.api(page, format) for format in FORMATS},
            "parameters": [_parameter(param, options) for param in (*params, *EVERY_PAGE)],
        })  # fmt: skip
    body = {
        "title": _("Japan and Central Asia: the data behind every view"),
        "data_version": facts.version,
        "data_package": site.package,
        "formats": list(FORMATS),
        "rules": _(
            "A query states a page's view as its address bar does (lists as repeated keys, every value "
            "explicit or left to its default). An unknown parameter or a value the page would not show "
            "gives 400 naming each problem; v= a data version other than the current one gives 409."
        ),
        "pages": pages,
    }
    tag = etag(facts.version, "index", site.base, facts.language)
    if fresh(if_none_match, tag):
        return not_modified(tag)
    return Answer(200, _json_bytes(body), headers={**public_headers(tag), "Content-Language": facts.language})


def _parameter(param: Any, options: Any) -> dict[str, Any]:
    described: dict[str, Any] = {"key": param.key, "values": param.doc_values, "default": param.doc_default}
    if isinstance(param, ListParam | ChoiceParam) and (options is not None or param.key == LANGUAGE_PARAM):
        labels = param.values(options)
        described["allowed"] = {key: translated(label) or key for key, label in labels.items()}
        described["repeatable"] = isinstance(param, ListParam)
    elif isinstance(param, YearsParam) and options is not None:
        described["bounds"] = list(param.bounds(options))
    return described


def package_answer(data_dir: Path, facts: Facts, name: str, if_none_match: str | None = None) -> Answer | None:
    """The data package's descriptor as JSON, or one of the files it names (as they are on disk);
    None for any other name, so a path that climbs out of the package finds nothing."""
    descriptor = raw_descriptor(data_dir)
    files = {str(r.get("path")): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    if name != PACKAGE_FILE and name not in files:
        return None
    tag = etag(facts.version, "package", name)
    if fresh(if_none_match, tag):
        return not_modified(tag)
    if name == PACKAGE_FILE:
        return Answer(200, _json_bytes(descriptor), headers=public_headers(tag))
    # `name` is a path the descriptor lists; even so, nothing outside the data directory is read.
    path = (data_dir / name).resolve()
    if not path.is_relative_to(data_dir.resolve()) or not path.is_file():
        return None
    media_type = str(files[name].get("mediatype") or "text/csv")
    media_type += "" if "charset" in media_type else "; charset=utf-8"
    return Answer(200, path.read_bytes(), media_type, public_headers(tag))
