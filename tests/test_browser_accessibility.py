"""WCAG 2.1 AA in Chromium: axe-core over every page and state, a title per page, a text
alternative before every chart and a heading before every table, one toolbar button per chart,
and every filter, event card and download reachable with the keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, Page

from components.streamlit_internals import TABLE_GRID_SELECTOR, TABLE_SELECTOR, key_selector
from core.pages import PAGES
from scripts.browser import open_page

pytestmark = pytest.mark.browser

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Violations that come from Streamlit's own widgets and cannot be fixed from the app, by axe rule
# id, each with its reason. Nothing else is excused. Empty: with the theme's text colour set
# (.streamlit/config.toml) axe finds no violation on any page or state below in Streamlit 1.67.
STREAMLIT_OWN: dict[str, str] = {}

# Every page, and the states the issue names: another chart, an event's card, an empty result,
# and the other language.
STATES = [
    "/",
    "/aid",
    "/aid?chart=time",
    "/aid?per_year=1",
    "/aid?recipient=",  # no figure left: the warning
    "/timeline",
    "/timeline?event=E13",
    "/timeline?q=zzzz",  # no event left
    "/compare",
    "/compare?country=",  # no country chosen
    "/sources",
    "/aid?lang=ru",
    "/timeline?event=E13&lang=ru",
]
TITLES = {f"/{page.url_path}": page.title for page in PAGES}


@pytest.fixture
def tall_page(browser: Browser) -> Iterator[Page]:
    """A page as tall as the dashboard's pages. NOTE: Streamlit scrolls inside its own container,
    so axe (and a screenshot) at 900 px would see only the first screen; and the viewport must be
    set before loading: resizing an open page blanks st.dataframe's canvas."""
    context = browser.new_context(viewport={"width": 1400, "height": 4000}, accept_downloads=True)
    yield context.new_page()
    context.close()


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return result["violations"]


@pytest.mark.parametrize("path", STATES)
def test_axe_finds_no_wcag_a_or_aa_violation(base_url: str, tall_page: Page, path: str) -> None:
    open_page(tall_page, base_url + path)  # which waits for the charts and tables to draw
    found = {
        v["id"]: [f"{v['impact']}: {node['target']} {node['failureSummary']}" for node in v["nodes"][:5]]
        for v in axe_violations(tall_page)
        if v["id"] not in STREAMLIT_OWN
    }
    assert not found, found


def test_axe_would_catch_a_contrast_failure(base_url: str, tall_page: Page) -> None:
    """The run sees the whole page and reports what the audit found: grey text on white."""
    open_page(tall_page, base_url + "/sources")
    tall_page.evaluate("() => document.querySelector('[data-testid=\"stMain\"] p').style.color = '#aaaaaa'")
    assert "color-contrast" in {v["id"] for v in axe_violations(tall_page)}


def test_each_page_has_its_own_title(base_url: str, page: Page) -> None:
    for path, title in TITLES.items():
        open_page(page, base_url + path)
        assert page.title() == f"{title} · Japan and Central Asia"
    open_page(page, base_url + "/aid?lang=ru")
    assert page.title() == "Помощь и инвестиции · Япония и Центральная Азия"


CHART_STATES = ["/aid", "/aid?chart=time", "/aid?per_year=1", "/timeline", "/timeline?event=E13", "/compare"]


@pytest.mark.parametrize("path", CHART_STATES)
def test_a_summary_precedes_each_chart_and_a_heading_each_table(base_url: str, tall_page: Page, path: str) -> None:
    """The screen-reader path: in the accessibility tree, each chart's image is preceded by its
    summary, which names what it draws; each table by a heading that says what it holds.
    NOTE: st.dataframe's grid (role=grid) takes no accessible name from the app; the heading
    just before it is what names it for a screen reader (docs/accessibility.md)."""
    open_page(tall_page, base_url + path)
    tall_page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
    tree = tall_page.locator('[data-testid="stMain"]').aria_snapshot().splitlines()
    charts = tall_page.locator('[data-testid="stPlotlyChart"]').count()
    assert charts >= 1
    # Plotly draws each chart as images and one toolbar: the k-th toolbar closes the k-th chart.
    toolbars = [i for i, line in enumerate(tree) if line.strip().startswith("- toolbar")]
    assert len(toolbars) == charts, tree
    start = 0
    for end in toolbars:
        segment = [line.strip() for line in tree[start:end]]
        first_image = next(i for i, line in enumerate(segment) if line.startswith("- img"))
        before = segment[:first_image]
        summaries = [i for i, line in enumerate(before) if line.startswith("- paragraph")]
        assert summaries, segment  # a paragraph between the previous chart and this one's image
        words = " ".join(before[summaries[-1] :])
        assert ": " in words and len(words) > 40, words  # "what the chart shows: its marks one by one"
        # Past the toolbar's own button and icon, and the image Plotly draws after it.
        start = end + 1
        while start < len(tree) and tree[start].strip().startswith(("- button", "- img")):
            start += 1
    grids = tall_page.locator('[data-testid="stDataFrame"] table[role="grid"]')
    grids.first.wait_for(state="attached")  # the grid is drawn after the script has run
    assert grids.count() >= 1
    headings = tall_page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].map(grid => {
            const all = [...document.querySelectorAll('[data-testid="stMain"] h1, [data-testid="stMain"] h2,'
                + '[data-testid="stMain"] h3, [data-testid="stMain"] summary, [data-testid="stDataFrame"]')];
            const before = all.slice(0, all.indexOf(grid)).filter(e => e.getAttribute('data-testid') !== 'stDataFrame');
            return before.length ? before[before.length - 1].innerText : null;
        })"""
    )
    assert all(headings), headings


def test_each_chart_toolbar_is_one_tab_stop(base_url: str, tall_page: Page) -> None:
    """Only the PNG download is kept (WCAG 2.1.1 stays usable: 1 tab stop a chart, not 8)."""
    open_page(tall_page, base_url + "/compare")
    tall_page.wait_for_selector('[data-testid="stPlotlyChart"] .modebar')
    charts = tall_page.locator('[data-testid="stPlotlyChart"]').count()
    buttons = tall_page.locator(
        '[data-testid="stPlotlyChart"] .modebar a, [data-testid="stPlotlyChart"] .modebar button'
    )
    assert charts >= 4 and buttons.count() == charts
    assert set(buttons.evaluate_all("bs => bs.map(b => b.getAttribute('data-title'))")) == {"Download plot as a PNG"}


# --- Keyboard only ----------------------------------------------------------------------------


def focused(page: Page) -> str:
    """What has the focus, as a screen reader would name it: its label, else its text."""
    return page.evaluate(
        """() => { const e = document.activeElement;
            const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
            const name = e.getAttribute('aria-label') || e.getAttribute('data-title') || label || e.innerText;
            return (name || '').trim(); }"""
    )


def tab_to(page: Page, name: str, limit: int = 120) -> None:
    """Press Tab until the element named `name` has the focus (key presses only)."""
    seen = []
    for _press in range(limit):
        page.keyboard.press("Tab")
        current = focused(page)
        if current.endswith(name) and not current.startswith("Help for"):
            return
        seen.append(current)
    raise AssertionError(f"{name!r} not reached with Tab; focus went through {seen}")


def test_keyboard_alone_opens_an_event_changes_a_filter_and_downloads(base_url: str, page: Page) -> None:
    open_page(page, base_url + "/timeline")
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    assert "Event details" in caption  # the caption names the keyboard way to open an event
    # A filter: the category list, from the keyboard.
    tab_to(page, "Category")
    page.keyboard.press("Backspace")  # drops the last category chosen
    page.wait_for_function("() => location.search.includes('category=')")
    open_page(page, base_url + "/timeline")
    # The event list: type to find, Enter to choose; the card's heading appears.
    tab_to(page, "Event details")
    page.keyboard.type("Andijan")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('event=E')")
    page.wait_for_selector(
        '[data-testid="stMain"] [data-testid="stVerticalBlockBorderWrapper"] h3, [data-testid="stMain"] h3'
    )
    assert "Andijan" in page.locator('[data-testid="stMain"]').inner_text()
    for button, suffix in (("Download CSV", ".csv"), ("Download with citation", ".zip")):
        tab_to(page, button)
        with page.expect_download() as caught:
            page.keyboard.press("Enter")
        assert caught.value.suggested_filename.endswith(suffix)


@pytest.mark.parametrize("path", ["/", "/aid", "/compare", "/sources"])
def test_keyboard_alone_downloads_both_files(base_url: str, page: Page, path: str) -> None:
    open_page(page, base_url + path)
    for button, suffix in (("Download CSV", ".csv"), ("Download with citation", ".zip")):
        tab_to(page, button)
        with page.expect_download() as caught:
            page.keyboard.press("Enter")
        assert caught.value.suggested_filename.endswith(suffix)


def test_keyboard_alone_changes_the_aid_chart_and_a_year(base_url: str, page: Page) -> None:
    open_page(page, base_url + "/aid")
    tab_to(page, "By group")  # the chart radio: arrows move the choice
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('chart=time')")
    tab_to(page, "Years — start")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('years=')")


@pytest.mark.parametrize(("path", "button", "inside"), [
    ("/aid", "Share this view", "/aid?lang=en&"),  # the link to copy
    ("/compare?lang=ru", "Цитировать это представление", "[интерактивная панель]"),  # the citation
    ("/", "Cite this figure", "Usubaliev"),  # a card's citation
])  # fmt: skip
def test_keyboard_alone_reaches_a_popovers_contents_and_comes_back(
    base_url: str, page: Page, path: str, button: str, inside: str
) -> None:
    """WCAG 2.4.3: Streamlit draws an open popover at the end of the page and left the focus on its
    button; the link to copy on /aid came after 38 Tabs, past every other control."""
    open_page(page, base_url + path)
    tab_to(page, f"{button}\n\nexpand_more")  # the popover's button, named with its icons' words
    page.keyboard.press("Enter")
    page.wait_for_function(  # the popover, named after its button, has the focus (its contents may come later)
        "name => { const e = document.activeElement; return e.getAttribute('data-testid') === 'stPopoverBody' "
        "&& e.getAttribute('role') === 'dialog' && e.getAttribute('aria-label') === name; }",
        arg=button,
    )
    page.locator(f'[data-testid="stPopoverBody"] [data-testid="stCode"]:has-text("{inside}")').first.wait_for()
    page.keyboard.press("Tab")
    assert inside in focused(page)  # the first thing to copy, one Tab in
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stPopoverBody\"]')")
    assert focused(page).endswith(f"{button}\n\nexpand_more")  # back on the button it was opened from


EVENT_CARD = key_selector("tl_event_card")


def active_in_card(page: Page) -> str:
    """The text of the focused element when it lies in the event card, else ''."""
    return page.evaluate(
        """card => { const e = document.activeElement;
            return e && e.closest(card) ? e.innerText.trim() : ''; }""",
        EVENT_CARD,
    )


def test_choosing_an_event_moves_the_focus_to_its_card(base_url: str, page: Page) -> None:
    """WCAG 2.4.3 / 4.1.3: the card that appears takes the focus on its heading, so a screen reader
    reads it; a second choice moves the focus to the new card; a linked card leaves focus alone."""
    open_page(page, base_url + "/timeline?event=E13")
    page.wait_for_selector(f"{EVENT_CARD} h3")
    assert active_in_card(page) == ""  # opened by the link, not chosen: focus stays where it was
    open_page(page, base_url + "/timeline")
    for search, title in (("Andijan", "Andijan events"), ("Silk Road", "Silk Road Diplomacy")):
        tab_to(page, "Event details")
        page.keyboard.type(search)
        page.keyboard.press("Enter")
        page.wait_for_function(
            "([card, t]) => { const e = document.activeElement; return e && e.closest(card) "
            "&& e.innerText.includes(t); }",
            arg=[EVENT_CARD, title],
        )
        assert title in active_in_card(page)
        assert page.evaluate("document.activeElement.tagName") == "H3"


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/aid", "The 6 figures shown (the chart's data)"),
        ("/aid?chart=time", "(the chart's data)"),
        ("/timeline", "in date order (the chart's data)"),
        ("/compare", "The comparison table (the charts' data)"),
        ("/aid?lang=ru", "(данные графика)"),
    ],
)
def test_the_heading_before_a_charts_table_says_it_holds_the_charts_data(
    base_url: str, tall_page: Page, path: str, words: str
) -> None:
    """The grid takes no accessible name from the app: the heading a screen reader meets just
    before it names it as the chart's data (WCAG 1.1.1, 1.3.1)."""
    open_page(tall_page, base_url + path)
    tall_page.wait_for_selector('[data-testid="stDataFrame"]', state="attached")
    last_before_grid = tall_page.evaluate(
        """() => { const all = [...document.querySelectorAll('[data-testid="stMain"] h2, [data-testid="stMain"] h3,'
                + '[data-testid="stDataFrame"]')];
            const grids = all.filter(e => e.getAttribute('data-testid') === 'stDataFrame');
            const last = grids[grids.length - 1];
            const before = all.slice(0, all.indexOf(last)).filter(e => e.getAttribute('data-testid') !== 'stDataFrame');
            return before.length ? before[before.length - 1].innerText : ''; }"""
    )
    assert words in last_before_grid


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/aid", "The 6 figures shown (the chart's data)"),
        ("/timeline", "The 68 events shown, in date order (the chart's data)"),
        ("/compare", "The comparison table (the charts' data)"),
    ],
)
def test_each_table_is_named_by_its_heading(base_url: str, tall_page: Page, path: str, name: str) -> None:
    """The grid takes the words of the heading before it (components.narrow), so a screen reader
    announces what the table holds. Read from Chromium's own accessibility tree (the grid lives
    inside a canvas, where Playwright's role queries do not look); an unnamed grid fails."""
    open_page(tall_page, base_url + path)
    grids = f"{TABLE_SELECTOR} {TABLE_GRID_SELECTOR}"
    tall_page.locator(grids).first.wait_for(state="attached")
    tall_page.wait_for_function(
        "grids => [...document.querySelectorAll(grids)].every(g => g.getAttribute('aria-label'))", arg=grids
    )
    cdp = tall_page.context.new_cdp_session(tall_page)
    for _attempt in range(20):  # Chromium updates its accessibility tree a moment after the DOM
        tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
        names = [n.get("name", {}).get("value") for n in tree if n.get("role", {}).get("value") == "grid"]
        if name in names and all(names):
            break
        tall_page.wait_for_timeout(500)
    assert name in names and all(names), names
