"""The page every address serves names the app's base, so a shared link to a page connects at once:
the middleware adds one script to HTML pages and nothing else; in Chromium a page link never asks the
server at the wrong base first, at the root and under a path prefix."""

from __future__ import annotations

import asyncio
import gzip
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Request
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response
from starlette.routing import Route

from core.pages import PAGES
from dashboard.page_shell import BaseAddressHint, base_address_script, page_segment, with_base_address
from scripts.browser import open_page, running_dashboard
from scripts.serve import check_config, find_haproxy, free_port, spawn, stop, wait_healthy

PAGE = b"<!DOCTYPE html><html><head><title>t</title>" + b"<!-- padding -->" * 100 + b"</head><body></body></html>"
SCRIPT = b'const x = "<head>";' * 100


@dataclass
class Reply:
    status_code: int
    headers: dict[str, str]
    content: bytes


class Client:
    """Just enough of an HTTP client to call an ASGI app in-process (Starlette's needs httpx)."""

    def __init__(self, app) -> None:
        self.app = app

    def request(self, method: str, path: str, headers: dict[str, str] | None = None) -> Reply:
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
            "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
            "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
            "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80),
        }  # fmt: skip
        sent: list[dict] = []

        async def receive() -> dict:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict) -> None:
            sent.append(message)

        asyncio.run(self.app(scope, receive, send))
        start = sent[0]
        content = b"".join(m.get("body", b"") for m in sent[1:])
        if dict(start["headers"]).get(b"content-encoding") == b"gzip":
            content = gzip.decompress(content)
        return Reply(start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, content)

    def get(self, path: str, headers: dict[str, str] | None = None) -> Reply:
        return self.request("GET", path, headers)

    def head(self, path: str) -> Reply:
        return self.request("HEAD", path)


def _app() -> Client:
    async def page(request):
        return Response(PAGE, media_type="text/html", headers={"ETag": '"file"'})

    async def script(request):
        return Response(SCRIPT, media_type="text/javascript")

    async def missing(request):
        return Response(PAGE, status_code=404, media_type="text/html")

    app = Starlette(
        routes=[Route("/aid", page), Route("/", page), Route("/static/app.js", script), Route("/timeline", missing)],
        # As in st.App: the hint outside, Streamlit's gzip inside.
        middleware=[Middleware(BaseAddressHint), Middleware(GZipMiddleware, minimum_size=10)],
    )
    return Client(app)


def test_the_script_goes_first_in_the_head_once() -> None:
    script = base_address_script("aid")
    changed = with_base_address(PAGE, script)
    assert changed.startswith(b"<!DOCTYPE html><html><head>" + script.encode() + b"<title>")
    assert changed.count(script.encode()) == 1
    assert with_base_address(b"no head here", script) == b"no head here"


@pytest.mark.parametrize(
    ("path", "base_url_path", "segment"),
    [
        ("/aid", "", "aid"),
        ("/sources", "", "sources"),
        ("/", "", None),  # the Overview: Streamlit's first guess is right
        ("/japan-ca/compare", "japan-ca", "compare"),
        ("/japan-ca/compare", "/japan-ca/", "compare"),
        ("/japan-ca", "japan-ca", None),
        ("/compare", "compare", None),  # the Overview of a server under /compare
        ("/compare/compare", "compare", "compare"),
        ("/elsewhere/aid", "japan-ca", None),
        ("/aid/_stcore/health", "", None),
        ("/static/js/index.js", "", None),
        ("/no-such-page", "", None),
    ],
)
def test_the_server_knows_which_page_an_address_names(path: str, base_url_path: str, segment: str | None) -> None:
    assert page_segment(path, base_url_path) == segment


def test_every_page_but_the_overview_is_known() -> None:
    for page in PAGES:
        assert (page_segment("/" + page.url_path, "") == page.url_path) is not page.default, page.slug


@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_a_pages_html_gets_the_script_with_a_length_that_matches(encoding: str) -> None:
    reply = _app().get("/aid", headers={"Accept-Encoding": encoding})
    assert reply.status_code == 200
    assert reply.content == with_base_address(PAGE, base_address_script("aid"))
    assert int(reply.headers["content-length"]) == len(reply.content)
    assert "content-encoding" not in reply.headers  # sent unzipped, as the length says
    assert "etag" not in reply.headers  # the file's validator no longer names these bytes


def test_other_responses_pass_untouched() -> None:
    client = _app()
    script = client.get("/static/app.js", headers={"Accept-Encoding": "gzip"})
    assert script.headers["content-encoding"] == "gzip"  # still compressed by the inner app
    assert script.content == SCRIPT
    assert client.get("/timeline").content == PAGE  # an error is not the app's page
    assert client.get("/").content == PAGE  # the Overview needs no help
    head = client.head("/aid")
    # HEAD is answered by the inner app as it was (the server drops its body); a browser never
    # loads a page with it.
    assert head.content == PAGE
    assert int(head.headers["content-length"]) == len(PAGE)


def _health_requests(browser: Browser, url: str) -> list[str]:
    """Open `url` in a new page; the addresses it asked for Streamlit's health check."""
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda request: _note_health(request, asked))
    open_page(page, url)  # the script ran: the page connected
    page.get_by_role("heading", level=1).first.wait_for()
    page.close()
    return asked


def _note_health(request: Request, asked: list[str]) -> None:
    if request.url.endswith("/_stcore/health"):
        asked.append(request.url.split("?")[0])


@pytest.mark.browser
def test_a_page_link_asks_the_right_base_first(browser: Browser, base_url: str) -> None:
    assert _health_requests(browser, base_url + "/aid?lang=en") == [base_url + "/_stcore/health"]
    assert _health_requests(browser, base_url + "/") == [base_url + "/_stcore/health"]


@pytest.mark.browser
def test_under_a_path_prefix_page_links_and_the_root_still_connect(browser: Browser) -> None:
    with running_dashboard(base_path="japan-ca") as base:
        assert _health_requests(browser, base + "/compare") == [base + "/_stcore/health"]
        # The prefix's own address is no page of ours: Streamlit guesses as it always did, and its
        # first guess is right.
        assert _health_requests(browser, base) == [base + "/_stcore/health"]


# A proxy that serves the dashboard under /japan-ca and strips the prefix before passing a request
# on: the server never sees the prefix, the browser's addresses all carry it.
STRIPPING_PROXY = """
global
    log stderr format short local0 warning
defaults
    mode http
    timeout connect 3s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h
frontend public
    bind 127.0.0.1:{port}
    http-request set-path %[path,regsub(^/japan-ca/?,/)] if {{ path_beg /japan-ca }}
    default_backend dashboard
backend dashboard
    server app 127.0.0.1:{app_port}
"""


@pytest.mark.browser
def test_behind_a_proxy_that_strips_its_prefix_a_page_link_asks_the_right_base(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    port, app_port = free_port(), urlsplit(base_url).port
    config = tmp_path / "haproxy.cfg"
    config.write_text(STRIPPING_PROXY.format(port=port, app_port=app_port))
    check_config(find_haproxy(), config)
    proxy = spawn([find_haproxy(), "-f", str(config)], tmp_path / "haproxy.log")
    try:
        public = f"http://127.0.0.1:{port}/japan-ca"
        wait_healthy(public, proxy)
        assert _health_requests(browser, public + "/timeline") == [public + "/_stcore/health"]
        assert _health_requests(browser, public) == [public + "/_stcore/health"]
    finally:
        stop([proxy])
