"""Open a page of the app under AppTest with query parameters, as the page tests do."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

APP = "../dashboard/app.py"  # relative to this file: AppTest resolves it against the caller's file
# Every page's script, the default (Overview) first.
PAGES = [
    "app_pages/overview.py",
    "app_pages/aid.py",
    "app_pages/timeline.py",
    "app_pages/compare.py",
    "app_pages/sources.py",
]


def open_app(page: str | None = None, **params: str | list[str]) -> AppTest:
    """Run the app, switch to `page` (a path like 'app_pages/aid.py'), apply the query, run again."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    if page:
        at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def param(at: AppTest, key: str) -> list[str]:
    """AppTest gives a single value as a string and several as a list; compare lists."""
    value = at.query_params[key]
    return [value] if isinstance(value, str) else list(value)
