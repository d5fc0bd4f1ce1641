"""The API's routes (/api/v1) beside the pages, on the server `streamlit run dashboard/server.py`
starts: Starlette glue around core.api, which decides every answer. docs/api.md documents them."""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from components.data import current_facts, derived
from components.streamlit_internals import quiet_missing_context_warnings
from core import api
from core.facts import data_dir_from_env
from core.i18n import use_language
from core.problems import DataError
from core.url_state import PUBLIC_URL_VARIABLE, public_base

logger = logging.getLogger(__name__)
ANSWERS = api.AnswerCache()  # small views' bodies, shared by every request to this process
# Every character an API address uses; a path under the API with others, or a `..` segment, finds nothing.
API_PATH = re.compile(r"[A-Za-z0-9._/-]*")
_serving = threading.local()  # set in a thread while it answers an API request
quiet_missing_context_warnings(lambda: getattr(_serving, "active", False))


def site(request: Request) -> api.Site:
    """The address readers use: DASHBOARD_PUBLIC_URL behind a proxy, else the one this request named."""
    public, _problem = public_base(os.environ.get(PUBLIC_URL_VARIABLE))
    return api.Site(public or str(request.base_url).rstrip("/"))


def index(request: Request) -> api.Answer:
    """The index takes one parameter, `lang`, for its titles and labels (English otherwise)."""
    language, _problems = api.requested_language(api.grouped(request.query_params.multi_items()))
    with use_language(language):
        return api.index_answer(current_facts(language), derived, site(request), request.headers.get("if-none-match"))


def view(request: Request) -> api.Answer:
    name = request.path_params["view"]
    stem, _dot, format = name.rpartition(".")
    page = api.page_named(stem)
    if page is None or format not in api.FORMATS:
        return api.not_found(request.url.path, site(request).base)
    query = api.grouped(request.query_params.multi_items())
    # An unknown language: the answer is a 400 naming it with every other problem, in English.
    language, _problems = api.requested_language(query)
    with use_language(language):
        facts = current_facts(language)
        return api.view_answer(page, format, query, facts, derived, site(request), request.headers.get("if-none-match"),
                               ANSWERS)  # fmt: skip


def package_file(request: Request) -> api.Answer:
    facts = current_facts("en")  # the files are the data's own; loading checks that they are valid
    answer = api.package_answer(data_dir_from_env(), facts, request.path_params["name"],
                                request.headers.get("if-none-match"))  # fmt: skip
    return answer or api.not_found(request.url.path, site(request).base)


def nothing_here(request: Request) -> api.Answer:
    return api.not_found(request.url.path, site(request).base)


def respond(request: Request, answer: api.Answer) -> Response:
    if isinstance(answer.body, bytes | bytearray):
        return Response(bytes(answer.body), answer.status, dict(answer.headers), answer.media_type)
    if request.method == "HEAD":  # the headers only: never build a big view's rows for nothing
        response = Response(None, answer.status, dict(answer.headers), answer.media_type)
        del response.headers["content-length"]
        return response
    return StreamingResponse(logged(answer.body, request.url.path), answer.status, dict(answer.headers),
                             answer.media_type)  # fmt: skip


def logged(pieces: Iterable[bytes], path: str) -> Iterator[bytes]:
    """A streamed body, whose rows are built as it is sent, after the status went out: a failure
    there can only cut the answer short, so it is logged with its traceback. Each piece is built
    as part of the API's request (`_serving`), in whichever thread Starlette asks for it: the
    cached facts it reads would otherwise log Streamlit's "missing ScriptRunContext" warning."""
    iterator = iter(pieces)
    while True:
        _serving.active = True
        try:
            piece = next(iterator)
        except StopIteration:
            return
        except Exception:
            logger.exception("API answer %s failed while it was being sent; the client got part of it", path)
            raise
        finally:
            _serving.active = False
        yield piece


def endpoint(handler: Callable[[Request], api.Answer]) -> Callable[[Request], Response]:
    """A handler as a route's endpoint: read-only, and an answer for everything (no traceback)."""

    # NOTE: a plain function: Starlette runs it in its thread pool, off the event loop that serves
    # the pages' websockets, since building a view takes milliseconds to seconds.
    def answer(request: Request) -> Response:
        _serving.active = True
        try:
            return respond(request, handler(request))
        except (DataError, OSError) as err:
            return respond(request, api.data_problems_answer(err))
        except Exception:  # a bug of ours: logged with its traceback, answered without it
            logger.exception("API request %s failed", request.url.path)
            return respond(request, api.problem_answer(500, "The server failed on this request; it has been logged."))
        finally:
            _serving.active = False

    answer.__name__ = handler.__name__
    return answer


def routes() -> list[Route]:
    prefix = api.API_PREFIX
    return [
        Route(prefix, endpoint(index)),  # GET and HEAD: ApiGuard answers every other method
        Route(f"{prefix}/", endpoint(index)),
        Route(f"{prefix}/data/{{name:path}}", endpoint(package_file)),
        Route(f"{prefix}/{{view}}", endpoint(view)),
        Route(f"{prefix}/{{rest:path}}", endpoint(nothing_here)),
    ]


class ApiGuard:
    """Under /api/v1: the API's JSON 405 for any method but GET and HEAD, and its 404 for a path
    that climbs (`..`) or holds characters no API address has.

    NOTE: a middleware, not in the routes: Streamlit's own path guard, which runs before every
    route, answers such paths with a bare "Bad Request", and a route answers a method it does not
    list with Starlette's plain-text 405; this runs before both (st.App puts user middleware outside
    its own). Nothing is read either way."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path == api.API_PREFIX or path.startswith(f"{api.API_PREFIX}/"):
            request = Request(scope)
            if request.method not in api.METHODS:
                await respond(request, api.method_not_allowed(request.method))(scope, receive, send)
                return
            if not API_PATH.fullmatch(path) or ".." in path.split("/"):
                await respond(request, api.not_found(path, site(request).base))(scope, receive, send)
                return
        await self.app(scope, receive, send)
