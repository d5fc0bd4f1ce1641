"""The shape of every answer the API gives: an `Answer` (status, headers, body), the headers
every answer carries, the JSON errors, ETags and the cache of small bodies."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.i18n import _
from core.problems import DataError

API_PREFIX = "/api/v1"
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
METHODS = ("GET", "HEAD")
# Views change only with the data (the ETag says which version); a short life lets a proxy or a
# notebook reuse an answer without serving yesterday's data for long after an update.
CACHE_CONTROL = "public, max-age=300"


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
    return Answer(status, json_bytes(body), headers=public_headers())


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


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, default=str).encode("utf-8")
