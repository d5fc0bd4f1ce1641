"""The aid page in Chromium: links reopen views, permalinks pin the data, downloads match the table."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from components.streamlit_internals import key_selector, text_labels_selector
from scripts.browser import (
    chips,
    download,
    open_page,
    rerun,
    running_dashboard,
    table_rows,
)
from tests.conftest import edit_csv

pytestmark = pytest.mark.browser

KAZ_TKM = "/aid?recipient=KAZ&recipient=TKM&by=status&years=2000-2019"


def chart_bar_labels(page: Page) -> list[str]:
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    # SVG text has no innerText; a <br> in a Plotly label becomes tspans, joined here without a space.
    texts = page.locator('[data-testid="stPlotlyChart"] .ytick text').all_text_contents()
    return [text.replace("\u200b", "") for text in texts]  # Plotly marks line breaks with zero-width spaces


def view_of(page: Page) -> dict:
    return {
        "recipients": chips(page, "Recipient"),
        "bars": chart_bar_labels(page),
        "rows": table_rows(page),
    }


def test_a_changed_filter_survives_in_a_fresh_browser(base_url: str, page: Page, browser: Browser) -> None:
    open_page(page, base_url + "/aid")
    with rerun(page):
        page.get_by_text("Over time", exact=True).click()
    with rerun(page):
        page.locator('[data-testid="stCheckbox"]').filter(has_text="no stated period").click()
    # The run before drew a table of the figures with no period; read the view once it has gone
    # (Streamlit leaves a finished run's old elements on the page a moment: on a loaded machine
    # the first table read was still that one).
    page.get_by_text("not placed on any year").wait_for(state="detached")
    before = view_of(page)
    shared = page.url
    assert "chart=time" in shared and "undated=0" in shared
    fresh = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    open_page(fresh, shared)
    assert view_of(fresh) == before
    fresh.context.close()


def permalink_of(page: Page) -> str:
    page.get_by_role("button", name="Share this view").click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"] code').first  # the permalink
    code.wait_for()
    return code.inner_text().strip()


def test_the_permalink_reopens_the_view(base_url: str, page: Page, browser: Browser) -> None:
    open_page(page, base_url + KAZ_TKM)
    before = view_of(page)
    link = permalink_of(page)
    assert link.startswith(base_url + "/aid?") and "&v=" in link
    fresh = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    open_page(fresh, link)
    assert view_of(fresh) == before
    assert fresh.locator('[data-testid="stAlert"]').count() == 0  # same data: no notice
    fresh.context.close()


def test_a_malformed_link_opens_with_a_notice(base_url: str, page: Page, server_log: Path) -> None:
    open_page(page, base_url + "/aid?recipient=KAZ&recipient=%3Cb%3E&years=abc&by=x&by=y&zzz=%ZZ&undated=2")
    notice = page.locator('[data-testid="stAlert"]').first.inner_text()
    for words in ("'<b>'", "years", "'by' was given 2 times", "undated", "'zzz'"):
        assert words in notice
    assert chips(page, "Recipient") == ["Kazakhstan"]
    assert "Traceback" not in server_log.read_text()


def test_the_csv_holds_the_rows_of_the_table(base_url: str, page: Page) -> None:
    open_page(page, base_url + KAZ_TKM)
    name, data = download(page, "Download CSV")
    assert name.startswith("aid_KAZ_TKM_2000-2019_") and name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    shown = table_rows(page)
    assert len(rows) == len(shown)
    # The screen's first columns are these of the CSV (codes of kind and status stay in the file).
    leading = ["flow_id", "recipient_code", "recipient", "kind", "status"]
    for csv_row, screen_row in zip(rows, shown, strict=True):
        assert [csv_row[name] for name in leading] == screen_row
    assert list(rows[0])[-4:] == ["source_ids", "publishers", "urls", "citation"]


def test_downloads_keep_non_latin_text_and_defuse_formulas(browser: Browser, data_copy: Path, tmp_path: Path) -> None:
    edit_csv(data_copy / "actors.csv", "KAZ,Kazakhstan,", "KAZ,Казахстан カザフスタン,")
    edit_csv(data_copy / "money.csv", "Japanese direct investment in the economy of Kazakhstan",
             '"=HYPERLINK(""http://example.invalid"")"')  # fmt: skip
    with running_dashboard(env={"DASHBOARD_DATA_DIR": str(data_copy)}, log_path=tmp_path / "log") as url:
        page = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900}).new_page()
        open_page(page, url + "/aid?recipient=KAZ")
        _, data = download(page, "Download CSV")
        page.context.close()
    (header, row) = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    cells = dict(zip(header, row, strict=True))
    assert cells["recipient"] == "Казахстан カザフスタン"
    assert cells["description"] == '\'=HYPERLINK("http://example.invalid")'
    assert cells["amount"] == "5500000000"
    assert not any(cell[:1] in {"=", "+", "-", "@"} for cell in row)


def test_every_sum_drawn_is_one_the_rule_allows(base_url: str, page: Page, bundled_facts) -> None:
    from core.scopes import Scopes
    from tests.test_sum_views import IDS, assert_lawful

    money = bundled_facts.money.set_index("flow_id")
    scopes = Scopes.from_table(bundled_facts.memberships)
    every = "&".join(f"recipient={code}" for code in dict.fromkeys(bundled_facts.money["recipient_code"]))
    sums_seen = []
    for query, years in [(f"by=kind&{every}", (1954, 2026)), (f"by=kind&{every}&years=2000-2019", (2000, 2019))]:
        open_page(page, f"{base_url}/aid?{query}")
        labels = chart_bar_labels(page)
        sums = [label for label in labels if "sum of" in label]
        for label in sums:
            assert_lawful(IDS.findall(label), money, scopes, years)
        assert any(label.startswith("Aid") and "M01 (no stated end)" in label for label in labels)
        sums_seen += sums
    # The case under test: a lawful sum is drawn (Uzbekistan's two committed dollar loans).
    assert any("M15; M12" in label for label in sums_seen)


@pytest.mark.parametrize("width", [1400, 320])
def test_the_periods_chart_draws_its_amounts_or_on_a_phone_says_where_they_are(
    base_url: str, browser: Browser, width: int
) -> None:
    page = browser.new_context(viewport={"width": width, "height": 3000}).new_page()
    open_page(page, base_url + "/aid?chart=time")
    page.wait_for_selector(f"{key_selector('aid_chart_time')} .main-svg")
    labels = page.locator(text_labels_selector("aid_chart_time"))
    note = page.locator(key_selector("aid_time_narrow_note"))
    assert labels.count()
    if width == 1400:
        assert all(label.is_visible() for label in labels.all()) and not note.is_visible()
    else:  # an amount beside its bar would be cut at the chart's edge: none drawn, and a note says so
        assert not any(label.is_visible() for label in labels.all())
        assert note.is_visible() and "leaves out its amounts" in note.inner_text()
    page.context.close()
