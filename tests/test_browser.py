"""The pages in a real browser: Debian's Chromium driven by Playwright against `streamlit run`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser_support import launch_chromium, running_dashboard, wait_for_app
from tests.conftest import edit_csv

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server") / "streamlit.log"


@pytest.fixture(scope="module")
def base_url(server_log: Path) -> Iterator[str]:
    with running_dashboard(log_path=server_log) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    yield context.new_page()
    context.close()


def assert_no_exception(page: Page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0


def test_overview_shows_cards_with_status_and_gaps(base_url: str, page: Page) -> None:
    page.goto(base_url + "/")
    wait_for_app(page)
    assert_no_exception(page)
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert "US$5.5 bn" in values and "≈ US$12 bn" in values
    assert values.count("not stated") == 2  # Kyrgyzstan and Tajikistan
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "Contracts signed, implementation unknown" in body
    assert "amounted to $ 5.5 billion" in body  # "$" shown as typed, not read as maths


def test_sources_page_opens_at_its_own_address(base_url: str, page: Page) -> None:
    page.goto(base_url + "/sources")
    wait_for_app(page)
    assert_no_exception(page)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "Usubaliev, Esen (August 2020)" in body
    assert "Data dictionary" in body


def test_bad_data_shows_the_problem_list(browser: Browser, data_copy: Path, tmp_path: Path) -> None:
    edit_csv(data_copy / "money.csv", ",3000000000,", ",-3000000000,")
    log = tmp_path / "bad.log"
    with running_dashboard(env={"DASHBOARD_DATA_DIR": str(data_copy)}, log_path=log) as url:
        page = browser.new_page()
        for path in ("/", "/sources"):
            page.goto(url + path)
            wait_for_app(page)
            assert_no_exception(page)
            assert "1 problem(s)" in page.locator('[data-testid="stAlert"]').inner_text()
        page.close()
    assert "Traceback" not in log.read_text()


def test_server_log_has_no_traceback(base_url: str, page: Page, server_log: Path) -> None:
    for path in ("/", "/sources"):
        page.goto(base_url + path)
        wait_for_app(page)
    assert "Traceback" not in server_log.read_text()
