"""Killing and restarting the server mid-session loses nothing: the address bar reopens the view."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from scripts.browser import assert_no_exception, count_runs, free_port, rerun, running_dashboard, wait_for_app

pytestmark = pytest.mark.browser


def test_the_url_reopens_the_view_after_a_restart(browser: Browser, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    count_runs(page)
    with running_dashboard(port=port, log_path=log) as url:
        page.goto(url + "/aid?recipient=KAZ&recipient=UZB&recipient=TKM")
        wait_for_app(page)
        with rerun(page):
            page.locator('[data-testid="stRadio"]').filter(has_text="Bars by").get_by_text("Status", exact=True).click()
        page.wait_for_function("() => location.search.includes('by=status')")
        address = page.url
    # The server is gone; the user's tab still holds the address. Start it again and reload.
    with running_dashboard(port=port, log_path=log):
        page.reload()
        wait_for_app(page)
        assert_no_exception(page)
        assert page.url == address
        radio = page.locator('[data-testid="stRadio"]').filter(has_text="Bars by")
        assert radio.get_by_role("radio", name="Status").is_checked()
        chips = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Recipient")
        assert chips.locator("[data-tag] [title]").all_inner_texts() == ["Kazakhstan", "Uzbekistan", "Turkmenistan"]
    page.context.close()
    assert "Traceback" not in log.read_text()
