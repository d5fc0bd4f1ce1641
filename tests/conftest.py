"""Shared fixtures: the bundled facts, copies of the bundled data to break, and isolation of Streamlit's caches."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from playwright.sync_api import Browser, Page

from core.facts import Facts, load_facts
from core.i18n import ENGLISH, use_language
from scripts.browser import launch_chromium, running_dashboard

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"


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
    for source in bundled_facts.sources.itertuples(index=False):
        path = REPO_ROOT.parent / "shared" / str(source.document)
        if not path.is_file():
            if os.environ.get("CI"):
                pytest.fail(f"source text {path} missing in CI")
            pytest.skip(f"source text {path} is not beside this clone")
        text = path.read_text(encoding="utf-8")
        paragraphs[str(source.source_id)] = [block for block in text.split("\n\n") if block.strip()]
    return paragraphs
