"""Every page on a phone (390 px) and a desktop (1400 px), in both languages: nothing scrolls
sideways, no chart's mark or label is cut at the chart's edge, no two of a chart's words cover
each other, and a chart that names its y categories is laid out once, in the left margin its
figure gives them (core.text_width)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from components.streamlit_internals import (
    CHART_SELECTOR,
    MAIN_AREA_SELECTOR,
    SIDEBAR_PX,
    WIDE_MAIN_PADDING_PX,
)
from core import text_width
from core.text_width import CHART_FONT_FAMILY, NARROWEST_MAIN_COLUMN_PX, SCROLLBAR_PX
from scripts.browser import CHROMIUM, CHROMIUM_ARGS, open_page

PATHS = ["/", "/aid", "/aid?chart=time", "/aid?per_year=1", "/timeline", "/timeline?event=E37", "/compare", "/sources"]
# What a chart draws: its marks (points, bars), the words beside them, its legend and annotations.
MARKS = ".scatterlayer .point, .barlayer .point"
WORDS = ".textpoint text, .bartext, .legendtext, .annotation-text, .xtick text, .ytick text, .g-xtitle, .g-ytitle"
# Boxes of every visible element a selector matches inside each chart, and the chart's own boxes.
_BOXES = """
([chart, marks, words]) => [...document.querySelectorAll(chart)].map((c) => {
  const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const shown = (e) => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().width > 0;
  const svg = c.querySelector('.main-svg'), plot = c.querySelector('.nsewdrag');
  const overlapping = (selector) => {  // pairs of an axis's tick labels that cover each other
    const boxes = [...c.querySelectorAll(selector)].filter(shown).map((e) => [e.textContent, ...box(e)]);
    return boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) =>
      a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5 && a[2] < b[4] - 0.5 && b[2] < a[4] - 0.5).map((b) => [a[0], b[0]]));
  };
  // Plotly gives a legend taller than it allows (half the figure, above or below the plot) a
  // scrollbar and cuts it off: a scrollbar of any height means entries the reader does not see.
  const legendScroll = [...c.querySelectorAll('.legend .scrollbar')].map((b) => +b.getAttribute('height') || 0);
  return {svg: svg && box(svg), plot: plot && box(plot), legendScroll: Math.max(0, ...legendScroll),
          overlaps: [...overlapping('.xtick text'), ...overlapping('.ytick text')],
          marks: [...c.querySelectorAll(marks)].filter(shown).map(box),
          words: [...c.querySelectorAll(words)].filter(shown).map((e) => [e.textContent.slice(0, 40), ...box(e)])};
})
"""
# Per chart: the left margin its figure asks for (null: none, Plotly's automargin decides), the one
# Plotly drew it with, and its widest y label.
_LEFT_MARGINS = """
(chart) => [...document.querySelectorAll(chart + ' .js-plotly-plot')].map((gd) => ({
  asked: gd.layout.margin && gd.layout.margin.l, drawn: gd._fullLayout._size.l,
  widest: Math.max(0, ...[...gd.querySelectorAll('.ytick text')].map((t) => t.getBBox().width)),
}))
"""


def _inside(inner: list[float], outer: list[float], slack: float = 1.5) -> bool:
    left, top, right, bottom = inner
    return (
        left >= outer[0] - slack
        and right <= outer[2] + slack
        and top >= outer[1] - slack
        and bottom <= outer[3] + slack
    )


def _covering(words: list[list], slack: float = 1.0) -> list[tuple[str, str]]:
    """Pairs of words (text, left, top, right, bottom) whose boxes overlap by more than `slack` px."""
    return [
        (a[0], b[0])
        for i, a in enumerate(words)
        for b in words[i + 1 :]
        if a[1] < b[3] - slack and b[1] < a[3] - slack and a[2] < b[4] - slack and b[2] < a[4] - slack
    ]


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("width", [390, 1400])
@pytest.mark.parametrize("path", PATHS)
def test_nothing_scrolls_sideways_no_chart_cuts_a_word_and_y_labels_fit_their_margin(
    base_url: str, browser: Browser, path: str, width: int, language: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 4000})
    page = context.new_page()
    try:
        joiner = "&" if "?" in path else "?"
        open_page(page, f"{base_url}{path}{joiner}lang={language}")
        if path not in ("/", "/sources"):
            page.wait_for_selector(f"{CHART_SELECTOR} .main-svg")
            page.wait_for_timeout(500)  # Plotly lays out its labels a moment after the SVG appears
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} at {width} px in {language} scrolls {overflow} px sideways"
        charts = page.evaluate(_BOXES, [CHART_SELECTOR, MARKS, WORDS])
        for number, chart in enumerate(charts):
            where = f"{path} at {width} px in {language}, chart {number + 1}"
            assert chart["svg"] and chart["plot"], where
            # A mark may reach past the plot into the margin (a "not stated" ring on the axis), not past the chart.
            cut_marks = [m for m in chart["marks"] if not _inside(m, chart["svg"])]
            assert not cut_marks, f"{where}: {len(cut_marks)} marks cut at the chart's edge, e.g. {cut_marks[:2]}"
            cut_words = [w[0] for w in chart["words"] if not _inside(w[1:], chart["svg"])]
            assert not cut_words, f"{where}: words cut at the chart's edge: {cut_words[:5]}"
            assert chart["legendScroll"] == 0, (
                f"{where}: the legend is cut off and scrolls ({chart['legendScroll']:.0f} px)"
            )
            # An axis's labels each stand clear: run together (years every five on a phone, a bar
            # chart's amounts on a 23 px plot, labels over more lines than a bar's row) they are read as none.
            assert not chart["overlaps"], f"{where}: tick labels cover each other: {chart['overlaps'][:3]}"
            # Nor do any two of its words: the Russian periods chart's three-line x title ran into
            # the footer hung below it.
            clashes = _covering(chart["words"])
            assert not clashes, f"{where}: words cover each other: {clashes[:3]}"
        for number, margin in enumerate(page.evaluate(_LEFT_MARGINS, CHART_SELECTOR)):
            if margin["asked"] is None:
                continue
            where = f"{path} at {width} px in {language}, chart {number + 1}"
            # Wider than asked: the labels did not fit, and Plotly laid the chart out a second time.
            assert margin["drawn"] == margin["asked"], f"{where}: {margin}"
            # Room for the tick, the axis title and slack, not a margin far wider than its labels.
            assert margin["asked"] - margin["widest"] <= 0.1 * margin["widest"] + 80, f"{where}: {margin}"
    finally:
        context.close()


# How a reader's browser may narrow the main column beyond a window's own width.
DEFAULT = "default sidebar"
WIDE_SIDEBAR = "sidebar dragged to its widest"  # Streamlit keeps the reader's width in localStorage
# Streamlit asks for thin scrollbars (10 px in Chromium); a browser's own are wider (15 px in
# Chromium on Linux, 17 px on Windows), and take their width from the main column.
SCROLLBAR = "a full-width scrollbar"
BOTH = f"{WIDE_SIDEBAR} and {SCROLLBAR}"
READERS = [
    (769, DEFAULT), (864, DEFAULT), (1000, DEFAULT), (864, SCROLLBAR),
    (769, WIDE_SIDEBAR), (1000, WIDE_SIDEBAR), (1000, BOTH),
]  # fmt: skip


@pytest.fixture(scope="module")
def browser_with_scrollbars(browser: Browser) -> Iterator[Browser]:
    """Chromium drawing scrollbars that take room, as on a desktop (Playwright hides them)."""
    shown = browser.browser_type.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, ignore_default_args=["--hide-scrollbars"]
    )
    yield shown
    shown.close()


def _context_for(reader: str, width: int, browser: Browser, with_scrollbars: Browser) -> BrowserContext:
    scrollbar = SCROLLBAR in reader
    height = 900 if scrollbar else 4000  # shorter than the page: the main column scrolls
    return (with_scrollbars if scrollbar else browser).new_context(viewport={"width": width, "height": height})


def _open_as(context: BrowserContext, reader: str, url: str) -> Page:
    """`url` as `reader` sees it, its charts drawn; checks that the reader's scrollbar is drawn."""
    page = context.new_page()
    if WIDE_SIDEBAR in reader:
        page.add_init_script("window.localStorage.setItem('sidebarWidth', '600')")  # Streamlit's widest
    if SCROLLBAR in reader:
        size = "*{scrollbar-width:auto !important}"  # the browser's own width, not Streamlit's thin one
        page.add_init_script(
            "document.addEventListener('DOMContentLoaded', () => {const s = document.createElement('style');"
            f"s.textContent = '{size}'; document.head.appendChild(s);}});"
        )
    open_page(page, url)
    page.wait_for_selector(f"{CHART_SELECTOR} .main-svg")
    page.wait_for_timeout(500)  # Plotly lays out its labels a moment after the SVG appears
    main = page.evaluate(
        f"(() => {{const m = document.querySelector('{MAIN_AREA_SELECTOR}'); return m.offsetWidth - m.clientWidth;}})()"
    )
    if SCROLLBAR in reader:
        assert 10 < main <= SCROLLBAR_PX, f"{reader}: {main} px"
    else:
        assert main == 0, f"{reader}: a scrollbar of {main} px"
    return page


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(("width", "reader"), READERS)
@pytest.mark.parametrize(("path", "least"), [("/timeline", 20), ("/aid?chart=time", 5), ("/aid", 5)])
def test_the_words_beside_marks_stay_inside_the_plots_side_of_the_chart_on_a_small_laptop(
    base_url: str,
    browser: Browser,
    browser_with_scrollbars: Browser,
    path: str,
    least: int,
    width: int,
    reader: str,
    language: str,
) -> None:
    """Words beside marks are placed for the narrowest chart that draws them, with the sidebar open
    (core.text_width.NARROWEST_WORDS_CHART_PX: a window of 864 px, less a browser's scrollbar; 769
    px is the narrowest with the sidebar open). In Russian, long event titles ran past the chart's
    right edge or over the lane names, or covered each other, and the amounts of late short spans
    ("до 200 млн долл. США"), written past their end, ran out of the chart. A sidebar dragged to
    its widest drew the timeline 290 px wide at 1000 px and cut its labels."""
    context = _context_for(reader, width, browser, browser_with_scrollbars)
    try:
        joiner = "&" if "?" in path else "?"
        page = _open_as(context, reader, f"{base_url}{path}{joiner}lang={language}")
        (chart,) = page.evaluate(_BOXES, [CHART_SELECTOR, MARKS, ".textpoint text, .bartext"])
        assert len(chart["words"]) >= least  # the words are drawn at this width
        where = f"{path} at {width} px, {reader}, in {language}"
        cut = [w[0] for w in chart["words"] if not _inside(w[1:], chart["svg"])]
        assert not cut, f"{where}: words cut at the chart's edge: {cut[:3]}"
        # Written before a mark, words stop at the plot: further left they cover the y labels.
        over_labels = [w[0] for w in chart["words"] if w[1] < chart["plot"][0] - 1.5]
        assert not over_labels, f"{where}: words over the y labels: {over_labels[:3]}"
        clashes = _covering(chart["words"])
        assert not clashes, f"{where}: words cover each other: {clashes[:3]}"
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("path", ["/aid", "/compare"])
def test_a_sidebar_dragged_wider_stops_where_the_charts_would_get_narrower_than_they_are_laid_out_for(
    base_url: str, browser: Browser, path: str, language: str
) -> None:
    """At 1000 px a sidebar dragged to its widest (600 px) left the main column 290 px wide: the
    comparison panels' footers and the aid bars' amounts were cut. The reader's wider sidebar
    holds, up to where the main column is as narrow as at 864 px with the default sidebar."""
    width = 1000  # past WIDE_PADDING_FROM_PX: the main column's padding is WIDE_MAIN_PADDING_PX
    context = browser.new_context(viewport={"width": width, "height": 4000})
    try:
        page = _open_as(context, WIDE_SIDEBAR, f"{base_url}{path}?lang={language}")
        sidebar = page.locator('[data-testid="stSidebar"]').bounding_box()
        assert sidebar is not None
        widest = width - WIDE_MAIN_PADDING_PX - NARROWEST_MAIN_COLUMN_PX
        assert SIDEBAR_PX < sidebar["width"] <= widest + 0.5, sidebar  # wider than the default, to the limit
        charts = page.evaluate(_BOXES, [CHART_SELECTOR, MARKS, WORDS])
        assert charts
        for number, chart in enumerate(charts):
            where = (
                f"{path} at {width} px with the sidebar at {sidebar['width']:.0f} px in {language}, chart {number + 1}"
            )
            assert chart["svg"][2] - chart["svg"][0] >= NARROWEST_MAIN_COLUMN_PX - 0.5, where
            cut = [w[0] for w in chart["words"] if not _inside(w[1:], chart["svg"])]
            assert not cut, f"{where}: words cut at the chart's edge: {cut[:3]}"
    finally:
        context.close()


def test_the_width_table_is_the_chart_fonts_as_chromium_draws_it(browser: Browser) -> None:
    """core.text_width places every word by its table of advance widths: a table measured for
    another font than the charts' (or a machine without it: Debian's fonts-liberation) fails here."""
    page = browser.new_page()
    try:
        drawn = page.evaluate(
            """([family, characters]) => { const c = document.createElement('canvas').getContext('2d');
                 c.font = '100px ' + family;
                 return [...characters].map((ch) => Math.round(c.measureText(ch).width * 10)); }""",
            [CHART_FONT_FAMILY, "".join(text_width._WIDTHS)],
        )
    finally:
        page.close()
    table = list(text_width._WIDTHS.values())
    off = [
        (ch, want, got) for ch, want, got in zip(text_width._WIDTHS, table, drawn, strict=True) if abs(want - got) > 1
    ]
    assert not off, f"(character, table, Chromium) differ: {off[:10]}; is the chart font installed (fonts-liberation)?"
