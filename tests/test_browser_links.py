"""Links in Chromium: an emptied list is stated in the URL and its permalink, and reopens empty."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser

from scripts.browser import chips, open_page, rerun

pytestmark = pytest.mark.browser


def test_clearing_every_recipient_gives_a_link_that_reopens_with_none(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    page = context.new_page()
    open_page(page, base_url + "/aid")
    recipients = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Recipient")
    recipients.hover()
    with rerun(page):
        recipients.locator(
            '[data-testid="stMultiSelectClearAll"], [aria-label="Clear all"], svg[title="Clear all"]'
        ).first.click()
    page.wait_for_function("() => window.location.search.includes('recipient=&')")
    page.get_by_text("Share this view").click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"] code').first  # the permalink
    code.wait_for()
    link = code.inner_text()
    assert parse_qs(urlsplit(link).query, keep_blank_values=True)["recipient"] == [""]

    colleague = browser.new_context(viewport={"width": 1400, "height": 1200}).new_page()
    open_page(colleague, base_url + "/aid?" + urlsplit(link).query)
    assert chips(colleague, "Recipient") == []
    assert "No figure matches the recipient chosen" in colleague.locator('[data-testid="stAlert"]').first.inner_text()
    context.close()
    colleague.context.close()
