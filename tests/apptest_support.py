"""The one way tests run the app under AppTest: open a page with query parameters."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.pages import PAGES as REGISTERED_PAGES

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
# Every page's script, from the page registry: the default (Overview) first.
PAGES = [f"app_pages/{page.script}" for page in REGISTERED_PAGES]


def open_app(
    page: str | None = None,
    *,
    query: Mapping[str, str | list[str]] | None = None,
    timeout: float = 30,
    **params: str | list[str],
) -> AppTest:
    """Run the app, switch to `page` (a path like 'app_pages/aid.py'), apply the query, run again.

    The query is `query` (any keys, such as generated ones) and the keyword arguments. No page may
    raise: bad data shows a problem panel (at.error), never an exception. The data is the bundled
    data unless a test sets DASHBOARD_DATA_DIR (with monkeypatch) before calling this.
    """
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.run()
    if page:
        at.switch_page(page)
    for key, value in {**(query or {}), **params}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def param(at: AppTest, key: str) -> list[str]:
    """AppTest gives a single value as a string and several as a list; compare lists."""
    value = at.query_params[key]
    return [value] if isinstance(value, str) else list(value)


def open_popover(at: AppTest, key: str) -> AppTest:
    """Open the popover `key` (components.share's are `{slug}_share` and `{slug}_cite_view`) as a
    click does: their contents are written only while they are open."""
    at.session_state[key] = True
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at
