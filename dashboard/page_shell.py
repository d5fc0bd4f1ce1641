"""The HTML every page address serves (Streamlit's index.html), told where the app's base is.

Streamlit's browser code cannot tell whether /aid is a page of an app served at / or an app served
under /aid. It asks /aid/_stcore/health first, gets a 404, waits 100 ms and then asks
/_stcore/health: every link to a page other than the Overview, which is how analysts share views,
opened 100-150 ms later than the Overview (docs/performance.md). The server knows which page an
address names, so the page it sends says so, and a script works out the base from the browser's
address (which a proxy may have prefixed): that address without the page's segment. It goes in
the setting Streamlit's frontend reads for its base address before it connects
(components.streamlit_internals); from there Streamlit still tries the base and, under a path
prefix, the root, as before. The Overview and unknown addresses get no script: Streamlit's first
guess is right for them, or its own way stands.

NOTE: a middleware outside Streamlit's own (st.App puts user middleware outside), so the page may
arrive gzipped; it is sent on unzipped (a few kB). Every other response passes through untouched.
"""

from __future__ import annotations

import gzip
import json

import streamlit as st
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from components.streamlit_internals import FRONTEND_BASE_URL_SETTING, FRONTEND_SETTINGS
from core.pages import PAGES

HEAD = b"<head>"
PAGE_SEGMENTS = frozenset(page.url_path for page in PAGES if not page.default)


def base_address_script(segment: str) -> str:
    """A script that names the browser's address without its last segment, `segment` (a page's
    address), as the app's base; on an address that does not end so it does nothing."""
    return (
        "<script>(() => {"
        f"const page = {json.dumps('/' + segment)};"
        'const path = location.pathname.replace(/\\/+$/, "");'
        f"if ({FRONTEND_SETTINGS} === undefined && path.endsWith(page)) {{"
        f"{FRONTEND_SETTINGS} = {{{FRONTEND_BASE_URL_SETTING}: "
        "location.origin + path.slice(0, path.length - page.length) + '/'};"
        "}})();</script>"
    )


def page_segment(path: str, base_url_path: str) -> str | None:
    """Which of our pages (other than the Overview) the request path `path` names, under the
    server's own `base_url_path` (Streamlit's server.baseUrlPath), or None."""
    stripped = base_url_path.strip("/")
    base = f"/{stripped}" if stripped else ""
    if base and not (path == base or path.startswith(base + "/")):
        return None
    segment = path[len(base) :].strip("/")
    return segment if segment in PAGE_SEGMENTS else None


def with_base_address(html: bytes, script: str) -> bytes:
    """`html` with `script` first in its head, where it runs before Streamlit's module scripts
    (which wait for the whole document). HTML without a head is returned as it is."""
    at = html.find(HEAD)
    if at < 0:
        return html
    at += len(HEAD)
    return html[:at] + script.encode() + html[at:]


class BaseAddressHint:
    """Adds `base_address_script` to the page Streamlit serves at each of our pages' addresses
    (its index.html, answered to any address it has no file for)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        segment = None
        if scope["type"] == "http" and scope["method"] == "GET":
            segment = page_segment(scope["path"], st.get_option("server.baseUrlPath") or "")
        if segment is None:
            await self.app(scope, receive, send)
            return
        script = base_address_script(segment)
        start: Message | None = None  # held back while the page's body is collected
        body: list[bytes] = []

        async def send_with_hint(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                content_type = MutableHeaders(raw=message["headers"]).get("content-type", "")
                if message["status"] == 200 and content_type.startswith("text/html"):
                    start = message
                    return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            headers = MutableHeaders(raw=list(start["headers"]))
            page = b"".join(body)
            if headers.get("content-encoding") == "gzip":
                page = gzip.decompress(page)
                del headers["content-encoding"]
            page = with_base_address(page, script)
            headers["content-length"] = str(len(page))
            # The file's validators no longer describe these bytes (Streamlit marks the page
            # no-cache, so the browser asks again each time either way).
            for validator in ("etag", "last-modified"):
                if validator in headers:
                    del headers[validator]
            await send({**start, "headers": headers.raw})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, send_with_hint)
