"""The pages in a real browser: Debian's Chromium driven by Playwright against `streamlit run`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page

from core.pages import PAGES
from scripts.browser import assert_no_exception, wait_for_app

pytestmark = pytest.mark.browser


def test_overview_shows_cards_with_status_and_gaps(base_url: str, page: Page) -> None:
    page.goto(base_url + "/")
    wait_for_app(page)
    assert_no_exception(page)
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert "US$5.5 bn" in values and "≈ US$12 bn" in values
    # The seed stated nothing for Kyrgyzstan and Tajikistan; the official record states their grants in yen.
    assert values.count("not stated") == 0 and any(v.startswith("≤ ¥") for v in values)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "Contracts signed, implementation unknown" in body
    assert "amounted to $ 5.5 billion" in body  # "$" shown as typed, not read as maths


def test_server_log_has_no_traceback(base_url: str, page: Page, server_log: Path) -> None:
    for path in ("/", "/sources"):
        page.goto(base_url + path)
        wait_for_app(page)
    assert "Traceback" not in server_log.read_text()


def test_overview_csv_matches_its_cards(base_url: str, page: Page) -> None:
    page.goto(base_url + "/")
    wait_for_app(page)
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(caught.value.path()).read_text(encoding="utf-8-sig"))))
    shown = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert [row["value_text"] for row in rows] == shown  # the card's words; `value` is the number
    kazakhstan = next(row for row in rows if row["figure"] == "Kazakhstan: investment")
    assert (kazakhstan["value"], kazakhstan["unit"], kazakhstan["value_text"]) == ("5500000000", "usd", "US$5.5 bn")
    tajikistan = next(row for row in rows if row["figure"] == "Tajikistan: grant")
    assert tajikistan["unit"] == "jpy" and tajikistan["value_text"].startswith("≤ ¥") and int(tajikistan["value"]) > 0


def test_every_page_has_a_share_link_that_reopens_it(base_url: str, page: Page) -> None:
    for path in (f"/{registered.url_path}" for registered in PAGES):
        page.goto(base_url + path)
        wait_for_app(page)
        page.get_by_role("button", name="Share this view").click()
        # The first code block is the permalink; the API's address and its pandas and R lines follow.
        code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"] code').first
        link = code.inner_text().strip()
        assert link.startswith(base_url + path) and "v=" in link
        page.goto(link)
        wait_for_app(page)
        assert_no_exception(page)
        assert page.locator('[data-testid="stAlert"]').count() == 0
