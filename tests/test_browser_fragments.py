"""A filter change reruns only the filtered part of a page (its fragment): the server sends the
filters, chart and tables again, never the navigation or the page's title and introduction, and the
view (URL, chart) follows the change."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from core.i18n import _, use_language
from scripts.browser import open_page, rerun

pytestmark = pytest.mark.browser

# Each websocket message's bytes, as text (protobuf strings are UTF-8), from the page's start.
RECORD_MESSAGES = """
(() => {
  const seen = window.__messages = [];
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        seen.push(new TextDecoder('utf-8', {fatal: false}).decode(event.data));
      });
    }
  };
})();
"""


def _radio(page: Page, label: str, option: str) -> None:
    group = page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').filter(has_text=label)
    with rerun(page):
        group.get_by_test_id("stRadioOption").filter(has_text=re.compile(f"^{re.escape(option)}$")).click()


def _remove_first_chip(page: Page, label: str) -> None:
    widget = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label)
    with rerun(page):
        widget.locator("[data-tag] button").first.click()


CHANGES = {
    # page: (its title, its introduction's first words, the change, what the URL then says)
    "/aid": ("Aid and investment", "Japan's money by recipient", lambda p: _radio(p, "Bars by", "Status"), "by=status"),
    "/timeline": (
        "Dialogue timeline",
        "Every event the sources date",
        lambda p: _remove_first_chip(p, "Category"),
        "category=",
    ),
    "/compare": ("Country comparison", "What the sources state", lambda p: _radio(p, "Sort", "By name"), "sort=name"),
}


@pytest.mark.parametrize("path", list(CHANGES))
def test_a_filter_change_resends_the_view_but_not_the_header(browser: Browser, base_url: str, path: str) -> None:
    title, introduction, change, in_url = CHANGES[path]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.add_init_script(RECORD_MESSAGES)
    open_page(page, f"{base_url}{path}?lang=en")
    opening = "".join(page.evaluate("window.__messages"))
    # What the check looks for is there when the page opens, so its absence below means something.
    assert introduction in opening and f"{title} · Japan and Central Asia" in opening and "Filters" in opening
    page.evaluate("window.__messages.length = 0")

    change(page)
    after = "".join(page.evaluate("window.__messages"))
    assert "Filters" in after and '"data":' in after  # the sidebar's filters and a figure were sent again
    # Neither the page's header nor app.py's part (its browser title, set with the navigation) was.
    assert introduction not in after and f"{title} · Japan and Central Asia" not in after
    assert in_url in page.url
    assert page.locator("h1").all_inner_texts() == [title]
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


@pytest.mark.parametrize("path", list(CHANGES))
def test_a_filter_change_in_russian_stays_in_russian(browser: Browser, base_url: str, path: str) -> None:
    """A fragment's rerun does not run app.py, which sets the run's language: the view must still be
    drawn, and the address written, in the language the page was opened in."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    open_page(page, f"{base_url}{path}?lang=ru")
    first_list = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    chips = first_list.locator("[data-tag]").all_inner_texts()
    with rerun(page):
        first_list.locator("[data-tag] button").first.click()
    assert first_list.locator("[data-tag]").all_inner_texts() == chips[1:]  # one fewer, the others kept
    assert "lang=ru" in page.url
    main = page.locator('[data-testid="stMain"]').inner_text()
    with use_language("ru"):
        assert _("Share this view") in main and _("Download CSV") in main
    assert "Share this view" not in main and "Download CSV" not in main
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


@pytest.mark.parametrize("path", ["/aid", "/"])  # inside a page's fragment, and on a page without one
def test_opening_and_closing_share_resends_the_popovers_alone(browser: Browser, base_url: str, path: str) -> None:
    """Share and Cite rerun when opened or closed (their contents are written only while open).
    A rerun of the download buttons beside them would give their files new ids, and a click on
    Download CSV just after closing Share failed in a browser that still held the old ones."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.add_init_script(RECORD_MESSAGES)
    open_page(page, f"{base_url}{path}?lang=en")
    assert "Download CSV" in "".join(page.evaluate("window.__messages"))  # what the check looks for is sent
    page.evaluate("window.__messages.length = 0")
    with rerun(page):
        page.get_by_role("button", name="Share this view").click()
    page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]').first.wait_for()
    with rerun(page):
        page.keyboard.press("Escape")
    sent = "".join(page.evaluate("window.__messages"))
    assert "This link reopens exactly this view" in sent  # the popover's contents, on opening
    assert "Download CSV" not in sent and "Download with citation" not in sent and '"data":' not in sent
    with page.expect_download() as caught:  # and the buttons' files are the ones the browser holds
        page.get_by_role("button", name="Download CSV").click()
    assert caught.value.suggested_filename.endswith(".csv")
    page.close()


@pytest.mark.parametrize("width", [390, 1400])
def test_share_cite_and_the_downloads_keep_their_whole_labels(browser: Browser, base_url: str, width: int) -> None:
    # Drawn in the downloads' row, the popovers' fragment took the row's spare width at 1400 px and
    # cut "Цитировать это представление" to "Цитировать это предс…" at 390 px.
    page = browser.new_page(viewport={"width": width, "height": 900})
    open_page(page, f"{base_url}/aid?lang=ru")
    main = '[data-testid="stMain"]'
    buttons = page.locator(f'{main} [data-testid="stPopoverButton"], {main} [data-testid="stDownloadButton"] '
                           'button[data-testid^="stBaseButton"]').filter(visible=True)  # fmt: skip
    assert buttons.count() == 4
    cut = buttons.evaluate_all(
        "bs => bs.flatMap(b => Array.from(b.querySelectorAll('p')).filter(p => p.scrollWidth > p.clientWidth)"
        ".map(p => p.textContent))"
    )
    assert cut == []
    if width == 1400:  # Share and Cite side by side, and the two downloads under them, side by side
        tops = [round(box["y"]) for box in (buttons.nth(i).bounding_box() for i in range(4))]
        assert tops[0] == tops[1] < tops[2] == tops[3]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()
