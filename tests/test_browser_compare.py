"""The comparison page in Chromium: a link opens its view, the CSV holds the rows of the table,
what the source does not state is "not stated" on screen and in the file, figures that cannot be
added are "no total" (never a bar, never a number in the file), and the download states the rules."""

from __future__ import annotations

import csv
import io
import zipfile
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from core.compare.table import CSV_COLUMNS
from scripts.browser import chips, download, open_page, rerun, table_rows

pytestmark = pytest.mark.browser

LINK = "/compare?country=TJK&country=KAZ&metric=money.realised&metric=events&sort=name&years=2000-2020"
MONEY = ("Japanese money: realised", "Japanese money: agreed, not stated as realised",
         "Japanese money: contracts signed, implementation unknown")  # fmt: skip


def panel_titles(page: Page) -> list[str]:
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    return page.locator('[data-testid="stPlotlyChart"] .gtitle').all_text_contents()


def test_a_link_opens_its_view(base_url: str, page: Page) -> None:
    open_page(page, base_url + LINK)
    assert chips(page, "Countries") == ["Tajikistan", "Kazakhstan"]
    assert chips(page, "Metrics") == ["Japanese money: realised", "Dated events"]
    assert panel_titles(page) == ["Japanese money: realised (US$ bn)", "Dated events"]
    money_panel = page.locator('[data-testid="stPlotlyChart"]').first
    assert money_panel.locator(".textpoint text").all_text_contents() == ["not stated"]  # Tajikistan, in grey
    assert [row[:2] for row in table_rows(page)] == [["Kazakhstan", "KAZ"], ["Tajikistan", "TJK"]]  # by name
    query = parse_qs(urlsplit(page.url).query)
    assert query["country"] == ["TJK", "KAZ"] and query["sort"] == ["name"] and query["years"] == ["2000-2020"]


def test_a_changed_sort_is_written_to_the_address(base_url: str, page: Page) -> None:
    open_page(page, base_url + LINK)
    with rerun(page):
        page.get_by_text("By value", exact=True).click()
    assert "sort=value" in page.url
    assert [row[0] for row in table_rows(page)] == ["Kazakhstan", "Tajikistan"]


def test_the_csv_holds_the_rows_of_the_table_with_not_stated(base_url: str, page: Page) -> None:
    open_page(page, base_url + "/compare")
    name, data = download(page, "Download CSV")
    assert name.startswith("compare_1951-2026_") and name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    shown = table_rows(page)
    assert len(shown) == 5
    # One row per country and metric, the countries in the table's order.
    assert list(dict.fromkeys((r["country"], r["country_code"]) for r in rows)) == [tuple(s[:2]) for s in shown]
    assert list(rows[0]) == list(CSV_COLUMNS)
    tajikistan = {r["metric"]: r for r in rows if r["country_code"] == "TJK"}
    for metric in MONEY:  # in US dollars (the default currency): Tajikistan's grants are in yen
        row = tajikistan[metric]
        assert row["text"].startswith("not stated (no source gives an amount")  # the source's gap
        assert (row["value"], row["value_status"]) == ("", "not_stated")  # an empty cell, never words
    assert tajikistan[MONEY[0]]["text"] == (
        "not stated (no source gives an amount; see M51, M50 for the region, E38, E39)"
    )
    assert tajikistan["Companies with Japanese capital"]["text"] == "not stated (no source gives a figure)"
    # A count over the data: never "not stated"; the events naming all five states are the region's.
    assert tajikistan["Dated events"]["value"] == "2"
    kazakhstan = {r["metric"]: r for r in rows if r["country_code"] == "KAZ"}
    assert kazakhstan[MONEY[0]]["value"] == "5500000000"
    companies = kazakhstan["Companies with Japanese capital"]
    assert (companies["value"], companies["qualifier"], companies["text"]) == ("70", "more than", "more than 70")
    assert "M07: from 2005 to 2019 Japanese direct investment" in kazakhstan[MONEY[0]]["quotes"]


def test_figures_that_cannot_be_added_are_no_total_on_screen_and_in_the_files(base_url: str, page: Page) -> None:
    open_page(page, base_url + "/compare?country=USA&country=AFG&country=KAZ")
    money_panel = page.locator('[data-testid="stPlotlyChart"]').first
    money_panel.locator(".main-svg").first.wait_for()
    marks = money_panel.locator(".textpoint text").all_text_contents()
    assert "no total · 3 figures" in marks  # the United States' three undated contributions
    _, data = download(page, "Download CSV")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    realised = {r["country_code"]: r for r in rows if r["metric_id"] == "money.realised"}
    assert (realised["USA"]["value"], realised["USA"]["value_status"]) == ("", "no_total")  # the words say why
    assert realised["USA"]["text"].endswith("— no total: no stated period")
    for code, exact in (("AFG", "7000000000"), ("KAZ", "5500000000")):  # one figure each: itself
        assert realised[code]["value"] == exact
    _, bundle = download(page, "Download with citation")
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        readme = archive.read(next(n for n in archive.namelist() if n.lower().startswith("readme"))).decode()
    assert "counted for no single state" in readme and "otherwise the cell reads 'no total'" in readme
