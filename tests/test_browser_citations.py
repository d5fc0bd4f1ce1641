"""In Chromium, behind a configured public address: every link, citation, file and chart names the
public address, never the server's own; the chart's PNG carries its source and a descriptive name."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import bibtexparser
import pytest
import rispy
from playwright.sync_api import Page

from components.streamlit_internals import CHART_SELECTOR, CHART_SOURCE_LINE_SELECTOR, CHART_VERSION_SELECTOR
from core.chart_source import EXPORT_WIDTH
from scripts.browser import download, open_page, running_dashboard

pytestmark = pytest.mark.browser

PUBLIC = "https://dash.example.org/japan-ca"
# Where the camera button's PNG is kept for a person to look at (the test cannot see the image):
# DASHBOARD_PNG_COPY, else the test's own temporary directory (no fixed path two runs would share).
PNG_COPY = os.environ.get("DASHBOARD_PNG_COPY")


@pytest.fixture(scope="module")
def public_url() -> Iterator[str]:
    """A dashboard that is told its public address, as behind a proxy."""
    with running_dashboard(env={"DASHBOARD_PUBLIC_URL": PUBLIC + "/"}) as url:
        yield url


def popover_code(page: Page, button: str) -> str:
    page.get_by_role("button", name=button).click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"] code').first  # Share: the permalink
    code.wait_for()
    return code.inner_text().strip()


def chart_source_lines(page: Page) -> list[str]:
    """The source line of every chart on the page, as its SVG draws it (lines joined)."""
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    charts = page.locator('[data-testid="stPlotlyChart"]').all()
    return [" ".join(c.locator(".annotation-text").first.locator("tspan").all_text_contents()) for c in charts]


def test_links_citations_and_files_name_the_public_address(public_url: str, page: Page) -> None:
    open_page(page, public_url + "/aid?recipient=KAZ&years=1993-2019")
    link = popover_code(page, "Share this view")
    assert link.startswith(PUBLIC + "/aid?lang=en&")
    page.keyboard.press("Escape")
    citation = popover_code(page, "Cite this view")
    assert link in citation and "Usubaliev, Esen (August 2020)" in citation
    _name, bib = download(page, "BibTeX")
    entries = bibtexparser.parse_string(bib.decode("utf-8")).entries
    assert entries[0]["url"] == link
    _name, ris = download(page, "RIS")
    assert rispy.loads(ris.decode("utf-8"))[0]["urls"] == [link]
    page.keyboard.press("Escape")
    _name, archive = download(page, "Download with citation")
    files = zipfile.ZipFile(io.BytesIO(archive))
    readme = files.read("README.txt").decode("utf-8")
    assert link in readme
    # The zip carries the same BibTeX and RIS as the popover, for a reviewer who has only the zip.
    assert files.read("citation.bib") == bib and files.read("citation.ris") == ris
    texts = [citation, bib.decode(), ris.decode(), readme, *chart_source_lines(page)]
    assert not [t for t in texts if "127.0.0.1" in t or "localhost" in t]


@pytest.mark.parametrize("path", ["/aid", "/aid?chart=time", "/aid?per_year=1", "/timeline", "/compare"])
def test_every_chart_carries_its_source_line(public_url: str, page: Page, path: str) -> None:
    open_page(page, public_url + path)
    lines = chart_source_lines(page)
    assert lines
    for line in lines:
        # Each source by its short name and years, at most three, then how many more.
        # (A panel where every cell is "not stated" rests on no source's words and says so.)
        named = r"Source: (Usubaliev \(2020\)|MOFA Japan \(|JICA \(|Embassy of Japan)"
        assert re.match(f"({named}|No source states)", line), line
        assert " · Japan and Central Asia dashboard · " in line and "data version" not in line, line
        # A short address, the public host and page: never the query string (the full link is in Share).
        assert PUBLIC + path.split("?")[0] in line.replace(" ", "") and "?" not in line, line


def test_the_camera_button_saves_a_png_named_after_the_view(public_url: str, page: Page, tmp_path: Path) -> None:
    open_page(page, public_url + "/aid?recipient=KAZ&years=1993-2019")
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.hover()
    buttons = chart.locator(".modebar-btn")
    assert buttons.count() == 1  # the toolbar keeps only the image download
    with page.expect_download() as caught:
        buttons.first.click()
    name = caught.value.suggested_filename
    assert name == f"aid_KAZ_1993-2019_bars_{dt.date.today().isoformat()}.png"
    png = Path(caught.value.path()).read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    # Saved at EXPORT_WIDTH whatever the window (the PNG's header: width, then height, big-endian),
    # at Plotly's scale 2: its footer, wrapped narrower, is never cut.
    assert int.from_bytes(png[16:20], "big") == 2 * EXPORT_WIDTH
    (Path(PNG_COPY) if PNG_COPY else tmp_path / "chart-download.png").write_bytes(png)


# Each chart's SVG layers, and the width of each of its words as the page draws them.
_SVGS_AND_WIDTHS = f"""
() => {{
  const svgs = [...document.querySelectorAll('{CHART_SELECTOR} svg.main-svg')];
  const words = svgs.flatMap((s) => [...s.querySelectorAll('text')]);
  return [svgs.map((s) => s.outerHTML), words.map((t) => t.getComputedTextLength())];
}}
"""


@pytest.mark.parametrize("path", ["/aid?lang=ru", "/aid?chart=time&lang=ru", "/compare?lang=ru", "/timeline"])
def test_a_charts_png_draws_each_word_as_wide_as_the_screen_does(public_url: str, page: Page, path: str) -> None:
    """Plotly draws the PNG from the chart's SVG as an image, which cannot use the page's web fonts,
    while it places each word as the page measured it. The same SVG in a page with no web fonts, as
    in the image, must draw every word the page shows as wide: else its words run into the bars
    and past the PNG's edge (as with Streamlit's Source Sans, a tenth narrower than the fallback)."""
    open_page(page, public_url + path)
    page.wait_for_selector(f"{CHART_SELECTOR} .main-svg")
    page.wait_for_timeout(500)  # Plotly lays out a chart (a panel fitted to its column) a moment after
    svgs, on_screen = page.evaluate(_SVGS_AND_WIDTHS)
    image_like = page.context.new_page()
    try:
        image_like.set_content("".join(svgs))
        in_image = image_like.evaluate(
            "() => [...document.querySelectorAll('text')].map((t) => t.getComputedTextLength())"
        )
    finally:
        image_like.close()
    assert len(in_image) == len(on_screen) > 20
    shown = [(screen, image) for screen, image in zip(on_screen, in_image, strict=True) if screen > 0]
    wider = [(round(screen, 1), round(image, 1)) for screen, image in shown if image > screen + 0.5]
    assert len(shown) > 20 and not wider, (
        f"{path}: words the PNG draws wider than the screen (screen, PNG): {wider[:8]}"
    )


# Window widths: a desktop, a laptop (a page-wide chart of ~540 px beside the sidebar), small
# laptops (~470 px, and the narrowest column, 404 px, where a 440 px comparison panel is drawn
# 404 px wide: narrower than the footer is wrapped for), a window just wider than a phone (the
# sidebar collapsed), a phone. True: every chart shows its line; None: each either shows it whole
# or hides it, never cut; False: hidden on every chart.
SOURCE_LINE_WIDTHS = ((1400, True), (1000, True), (800, None), (864, None), (660, True), (320, False))


@pytest.mark.parametrize("path", ["/aid", "/timeline", "/compare", "/aid?per_year=1&lang=ru", "/timeline?lang=ru"])
def test_the_source_line_fits_its_chart_at_every_width_or_gives_way(public_url: str, browser, path: str) -> None:
    for width, shown in SOURCE_LINE_WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 4000})
        page = context.new_page()
        open_page(page, public_url + path)
        page.wait_for_selector(f"{CHART_SELECTOR} .main-svg")
        page.wait_for_timeout(500)  # Plotly lays out a chart (a panel fitted to its column) a moment after
        for chart in page.locator(CHART_SELECTOR).all():
            where = f"{path} at {width} px"
            line = chart.locator(CHART_SOURCE_LINE_SELECTOR)
            said = line.text_content() or ""
            assert any(words in said for words in ("Source:", "No source states", "Источник:", "Ни один источник")), (
                said
            )
            box, frame = line.bounding_box(), chart.locator(".main-svg").first.bounding_box()
            # The data version is the PNG's (Plotly draws the picture from the figure, not the page):
            # in the figure, never shown on screen.
            version = chart.locator(CHART_VERSION_SELECTOR)
            assert "version" in (version.text_content() or "") or "верси" in (version.text_content() or "")
            assert version.bounding_box() is None
            if shown is False:
                assert box is None, f"{where}: the source line is drawn, and cut"
                continue
            if shown:
                assert box is not None, f"{where}: no source line"
            if box is None:
                continue
            assert frame is not None
            assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1, where
            # A footer: below the plot's every mark, one or two lines at the widest screen.
            plot = chart.locator(".nsewdrag").first.bounding_box()
            assert plot is not None and box["y"] >= plot["y"] + plot["height"], where
            if width == 1400:
                assert box["height"] <= 2 * 15 + 4, f"{where}: the source line takes {box['height']} px"
        context.close()
