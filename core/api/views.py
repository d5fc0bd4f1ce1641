"""One page's view at the API: its query read by the page's parameter registry and refused where
the page would repair it, then its rows (`Page.rows`, as the page's download builds them) sent as
CSV or JSON a piece at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import pandas as pd

from core import i18n
from core.api.addresses import Site
from core.api.answers import (
    FORMATS,
    Answer,
    AnswerCache,
    etag,
    fresh,
    json_bytes,
    not_modified,
    problem_answer,
    public_headers,
)
from core.columns import LIST_SEPARATOR
from core.export import csv_chunks
from core.facts import Facts
from core.i18n import _
from core.pages import PAGES, Page
from core.reference import full_reference
from core.url_state import EMPTY_LIST, LANGUAGE_PARAM, VERSION_PARAM, QueryReader, query_string, version_notice

ROWS_PER_CHUNK = 5_000
# How a caller builds (and may cache) something derived from the facts: components.data.derived.
Derive = Callable[[Facts, Callable[[Facts], Any]], Any]


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


def view_query(page: Page, filters: Any, language: str) -> dict[str, str | tuple[str, ...]]:
    """The view's parameters with every value explicit, its language first (as the page's address bar)."""
    query: dict[str, str | tuple[str, ...]] = {LANGUAGE_PARAM: language}
    if page.params is not None:
        query |= page.params.to_query(filters)
    return query


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
    opening = json_bytes(dict(head))
    yield opening[:-1] + b', "rows": ['
    count, cited = 0, dict[str, None]()
    for piece in pieces:
        if len(piece):
            records = piece.to_json(orient="records", force_ascii=False)
            yield (b", " if count else b"") + records[1:-1].encode("utf-8")
            count += len(piece)
            cited |= cited_ids(piece)
    tail = json_bytes({"row_count": count, "sources": sources_behind(cited, sources)})
    yield b"], " + tail[1:]
