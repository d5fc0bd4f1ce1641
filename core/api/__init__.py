"""The read-only API at /api/v1: every page's download at a URL, and the data package itself.

Pure: a request's page, format and query go in, an `Answer` (status, headers, body) comes out;
dashboard/api.py puts it on Starlette routes beside the app. A view's rows are built by the same
functions as the page's Download CSV (`Page.rows`, core.view_rows), its query is read by the same
parameter registry (core.params) and is refused, not repaired: where the page would show a notice
("ignored unknown parameter(s): …"), the API answers 400 with that notice, so a script never gets
a view it did not ask for.

Its modules: `answers` (the shape of every answer: headers, errors, ETags, the cache), `addresses`
(every address it writes), `views` (a page's view as CSV or JSON) and `catalogue` (the index and
the data package). Callers use the names below (`from core import api`; `api.view_answer`).
"""

from core.api.addresses import PACKAGE_FILE, Site, data_address, pandas_line, r_line, site_of
from core.api.answers import (
    API_PREFIX,
    CACHE_CONTROL,
    FORMATS,
    METHODS,
    Answer,
    AnswerCache,
    data_problems_answer,
    etag,
    fresh,
    method_not_allowed,
    not_found,
    problem_answer,
    public_headers,
)
from core.api.catalogue import index_answer, package_answer
from core.api.views import (
    ROWS_PER_CHUNK,
    Derive,
    cited_ids,
    grouped,
    json_chunks,
    page_named,
    requested_language,
    sources_behind,
    view_answer,
    view_query,
)

__all__ = [
    "API_PREFIX", "CACHE_CONTROL", "FORMATS", "METHODS", "PACKAGE_FILE", "ROWS_PER_CHUNK", "Answer", "AnswerCache",
    "Derive", "Site", "cited_ids", "data_address", "data_problems_answer", "etag", "fresh", "grouped",
    "index_answer", "json_chunks", "method_not_allowed", "not_found", "package_answer", "page_named", "pandas_line",
    "problem_answer", "public_headers", "r_line", "requested_language", "site_of", "sources_behind", "view_answer",
    "view_query",
]  # fmt: skip
