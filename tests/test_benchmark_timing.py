"""The browser benchmarks' clock (benchmarks/browser_timing.py): what #26's figures are made of."""

from playwright.sync_api import Browser

from benchmarks.browser_timing import instrumented_page, navigate, timed_change
from benchmarks.dashboard import BROWSER_PAGES


def test_a_change_is_timed_to_the_redrawn_chart_and_to_the_page_settled(base_url: str, browser: Browser) -> None:
    # The timeline's change is the one whose page settles well after its chart: the events'
    # table below it redraws later. Removing a category redraws both.
    path, change = BROWSER_PAGES["timeline"]
    page = instrumented_page(browser)
    try:
        chart, settled = navigate(page, base_url + path)
        assert 0 < chart <= settled
        redrawn, settled = timed_change(page, base_url + path, change, 0)
        assert 0 < redrawn <= settled, (redrawn, settled)
    finally:
        page.close()
