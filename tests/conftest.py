"""Shared fixtures: the bundled facts, copies of the bundled data to break, and isolation of Streamlit's caches.

Also the two test tiers: a test that starts a server is marked `server`, one that drives Chromium
`browser` (see `pytest_collection_modifyitems`), so `scripts/check --fast` can leave both out; and a
guard fails any test that starts one without its marker, so the fast tier cannot start one by accident.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import streamlit as st
from playwright.sync_api import Browser, Page

from core.facts import Facts, load_facts
from core.i18n import ENGLISH, use_language
from scripts.browser import launch_chromium, running_dashboard

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"

# Fixtures that start a dashboard or Chromium: a test that uses one (directly or through another
# fixture) gets the marker at collection, so `-m "not browser and not server"` deselects it.
SERVER_FIXTURES = {"base_url", "public_url"}
BROWSER_FIXTURES = {"browser"}
# Their time limit (pytest-timeout), unless a test sets its own: the first to use a session's
# dashboard and Chromium waits for both to start, and the replica tests start several servers.
# Every other test has pyproject.toml's `timeout`.
SLOW_TIMEOUT = 300


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & SERVER_FIXTURES:
            item.add_marker(pytest.mark.server)
        slow = item.get_closest_marker("browser") or item.get_closest_marker("server")
        if slow and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))


def _what_it_starts(argv: list[str]) -> str | None:
    """'server' for a command that serves (streamlit run, HAProxy, scripts/serve), 'browser' for
    Playwright's driver (which launches Chromium), else None."""
    first = argv[0] if argv else ""
    program = Path(first).name
    if "run-driver" in argv:
        return "browser"
    if ("streamlit" in argv and "run" in argv) or first.endswith("scripts/serve"):
        return "server"
    if program == "haproxy" and "-f" in argv and "-c" not in argv:  # `haproxy -c` only checks a config
        return "server"
    return None


_UNGUARDED_POPEN = subprocess.Popen
_running: list[pytest.Item] = []  # the test whose setup, call or teardown is running


class _GuardedPopen(_UNGUARDED_POPEN):
    """subprocess.Popen that refuses to start a server or a browser for a test without the marker."""

    def __init__(self, args, *rest, **options) -> None:
        many = isinstance(args, Sequence) and not isinstance(args, str | bytes)
        argv = [str(a) for a in args] if many else [str(args)]
        kind = _what_it_starts(argv)
        if kind and _running:
            item = _running[-1]
            allowed = {"browser"} if kind == "browser" else {"browser", "server"}
            if not any(item.get_closest_marker(name) for name in allowed):
                raise RuntimeError(
                    f"{item.nodeid} starts a {kind} ({' '.join(argv)[:120]}) but is not marked "
                    f"@pytest.mark.{kind}: scripts/check --fast would run it"
                )
        super().__init__(args, *rest, **options)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()


def pytest_configure(config: pytest.Config) -> None:
    # NOTE: asyncio (and so Playwright's driver) and subprocess.run look Popen up on the module at
    # call time, so replacing the module's attribute guards them all.
    subprocess.Popen = _GuardedPopen  # type: ignore[misc]


def pytest_unconfigure(config: pytest.Config) -> None:
    subprocess.Popen = _UNGUARDED_POPEN  # type: ignore[misc]


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """Streamlit's caches live in the test process across AppTest runs; each test starts clean."""
    st.cache_resource.clear()
    st.cache_data.clear()
    with use_language(ENGLISH):  # and in English, whatever a test before it chose
        yield


@pytest.fixture(scope="session")
def bundled_facts() -> Facts:
    """The bundled data, loaded once for the whole run. Read it; a test that changes data works on
    `data_copy` instead."""
    return load_facts(DATA_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data directory."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit_csv(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a CSV's text, failing loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}: the test's fixture is out of date"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def server_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server") / "streamlit.log"


@pytest.fixture(scope="session")
def base_url(server_log: Path) -> Iterator[str]:
    """One dashboard on the bundled data for all browser tests."""
    with running_dashboard(log_path=server_log) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context per test: no cookies, storage or session shared with another test."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def source_paragraphs(bundled_facts: Facts) -> dict[str, list[str]]:
    """Each bundled source's paragraphs as the data numbers them: blocks between blank lines, the
    title being paragraph 1.

    NOTE: the source text lives in ../shared/ beside the clone, as in CI and the team's machines;
    a clone elsewhere lacks it. In CI its absence is a failure, elsewhere the tests that need it skip.
    """
    paragraphs = {}
    for source in bundled_facts.sources.dropna(subset=["document"]).itertuples(index=False):  # web pages have none
        path = REPO_ROOT.parent / "shared" / str(source.document)
        if not path.is_file():
            if os.environ.get("CI"):
                pytest.fail(f"source text {path} missing in CI")
            pytest.skip(f"source text {path} is not beside this clone")
        text = path.read_text(encoding="utf-8")
        paragraphs[str(source.source_id)] = [block for block in text.split("\n\n") if block.strip()]
    return paragraphs
