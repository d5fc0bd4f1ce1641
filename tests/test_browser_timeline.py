"""The timeline in Chromium: clicking an event opens its card, and the link to it reopens it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from components.streamlit_internals import key_selector, text_labels_selector
from scripts.browser import open_page, rerun

pytestmark = pytest.mark.browser


def open_timeline(page: Page, url: str) -> None:
    """Open the timeline and wait for its chart too."""
    open_page(page, url)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')


def card_heading(page: Page) -> str | None:
    card = page.locator('[data-testid="stMain"] h3').filter(has_not_text="events shown")
    return card.first.inner_text() if card.count() else None


def test_clicking_an_event_shows_its_card_and_the_link_reopens_it(
    base_url: str, page: Page, browser: Browser, bundled_facts
) -> None:
    open_timeline(page, base_url + "/timeline?category=alliance&category=statement")
    assert card_heading(page) is None
    point = page.locator('[data-testid="stPlotlyChart"] .scatterlayer path.point').first
    box = point.bounding_box()
    assert box is not None
    # NOTE: Plotly's drag layer covers the points; a mouse click at the point's centre reaches it.
    with rerun(page):
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => location.search.includes('event=E')")
    heading = card_heading(page)
    clicked = page.url.split("event=")[1].split("&")[0]
    titles = dict(zip(bundled_facts.events["event_id"], bundled_facts.events["title"], strict=True))
    assert clicked in {"E01", "E03"} and heading == titles[clicked]  # the card of the event clicked
    assert "the source gives no month or day" in page.locator('[data-testid="stMain"]').inner_text()
    link = page.url
    fresh = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    open_timeline(fresh, link)
    assert card_heading(fresh) == heading
    fresh.context.close()


def test_the_events_csv_matches_the_filtered_table(base_url: str, page: Page) -> None:
    open_timeline(page, base_url + "/timeline?country=KGZ&region=0")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(caught.value.path()).read_text(encoding="utf-8-sig"))))
    # Kyrgyzstan's own, in date order: relations (1992), Manas (1996), Kawaguchi's tour (2004), 2010, 2016.
    assert [r["event_id"] for r in rows] == ["E38", "E02", "E39", "E09", "E12"]
    assert "The 5 events shown" in page.locator('[data-testid="stMain"]').inner_text()
    assert rows[1]["date_precision"] == "span" and rows[1]["quote"].startswith("the upgrading of Manas airport")
    assert rows[2]["date_precision"] == "day" and rows[2]["date_start"] == "2004-08-25"  # the official record's day


@pytest.mark.parametrize("width", [1400, 320])
def test_labels_are_whole_titles_or_absent_with_a_note_on_a_narrow_screen(
    base_url: str, browser: Browser, bundled_facts, width: int
) -> None:
    page = browser.new_context(viewport={"width": width, "height": 3000}).new_page()
    open_timeline(page, base_url + "/timeline")
    labels = page.locator(text_labels_selector("tl_chart"))
    note = page.locator(key_selector("tl_narrow_note"))
    if width == 1400:
        # Each label is its event's whole title (over two lines, more where it fits neither side), none cut with "…".
        # (Plotly draws each line of a label as its own tspan.)
        words = {" ".join(label.locator("tspan.line").all_text_contents() or [label.text_content() or ""])
                 for label in labels.locator("text").all()}  # fmt: skip
        titles = set(bundled_facts.events.loc[bundled_facts.events["year_start"].notna(), "title"])
        assert words == titles
        assert not note.is_visible()
    else:
        # Too narrow for labels beside the points: none drawn (each would be cut), and a note says
        # where the events are named instead.
        assert labels.count() and all(not label.is_visible() for label in labels.all())
        assert note.is_visible() and "Event details" in note.inner_text()
    page.context.close()
