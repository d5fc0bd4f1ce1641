"""The interface in Russian and English, in Chromium: no word of the other language outside quotes,
codes and names; the link, the browser or the switch chooses; links and downloads keep it."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from core.facts import load_facts
from core.i18n import _ as translate
from core.i18n import use_language
from scripts.browser import open_page, rerun

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[1]

# Every page's default view and filtered states, as links.
VIEWS = [
    "/",
    "/aid",
    "/aid?chart=time",
    "/aid?per_year=1&recipient=KAZ&recipient=UZB",
    "/aid?recipient=",  # an empty result
    "/timeline",
    "/timeline?event=E13",
    "/compare",
    "/compare?country=KAZ&country=TJK",
    "/sources",
]
# Text that is neither language's words: the visible text of elements marked with a language (the
# source's quotes, lang="en"), code (the permalink) and Material icon names drawn as ligatures.
_VISIBLE_TEXT = """
() => {
  // <html lang> is the page's language; any other element with a lang attribute is marked as
  // being in that language (the source's quotes).
  const marked = (el) => { const l = el.closest('[lang]'); return l && l !== document.documentElement; };
  const skip = (el) => marked(el) || el.closest(
      'code, pre, script, style, [data-testid="stIconMaterial"], [aria-hidden="true"], ' + STREAMLIT_CHROME);
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stApp"]'), NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || !node.textContent.trim() || skip(parent)) continue;
    const style = getComputedStyle(parent);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    texts.push(node.textContent.trim());
  }
  return texts;
}
"""
# Streamlit's own chrome, which the app cannot translate (README, "What is not translated"):
STREAMLIT_CHROME = {
    # The keyboard skip link Streamlit draws before the app ("Skip to main content"); English is
    # hard-coded in Streamlit's front end.
    '[data-testid="stSkipToContent"]',
}
# Codes, abbreviations and names written in Latin letters in Russian text too.
LATIN_ALLOWED = {
    "CSV", "ZIP", "PNG", "URL", "US", "KAZ", "KGZ", "TJK", "TKM", "UZB", "JPN", "USA", "CHN", "RUS", "CA5",
    "C5", "English", "Esen", "Usubaliev", "Plotly", "Streamlit", "BibTeX", "RIS", "Zotero", "Data", "Package",
    "Frictionless", "CC", "BY", "COVID", "ISO", "UN", "M49",
    # The official record's: Japan's aid agency and currencies, and the ODA papers' abbreviations
    # (E/N exchange of notes, L/A loan agreement, G/A grant agreement), which Russian texts keep.
    "JICA", "USD", "JPY", "ODA", "JDS", "E", "N", "L", "A", "G", "SOM", "CA", "JAD", "Kabar",
}  # fmt: skip
# A word in Latin letters; one with a digit, an underscore or an inner dot is a code or a file name
# (CA5, usubaliev_2020, alpha-3, money.csv).
_LATIN_WORD = re.compile(r"[A-Za-z](?:[A-Za-z0-9_.\-]*[A-Za-z0-9])?")
_CODE = re.compile(r".*[0-9_.].*")
# A page's path a note names ('gaiko/oda/data/zyoukyou/h_18', 'erp/ca_c/kg'): a code, not words.
_PATH = re.compile(r"\b[\w.\-]+(?:/[\w.\-]+){2,}")
# A link, or a piece of one where a chart's source line wraps it ('&status=agreed&…'): an address,
# not words of a language.
_LINK = re.compile(r"https?://\S+|\S*[?&=]\S*")


def _data_codes() -> set[str]:
    """The Data Package's identifiers, which the Sources page and the data dictionary name as they
    are in any language: tables, fields, files and the values a field allows."""
    package = load_facts(REPO / "data").package
    codes = set()
    for resource in package.resources:
        codes |= {resource.name, resource.path}
        for field in resource.fields:
            codes |= {field.name, *(field.enum or ())}
    return {word for code in codes for word in _LATIN_WORD.findall(code)}


DATA_CODES = _data_codes()
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]{2,}")


def _words_of_other_language(page: Page, language: str) -> list[tuple[str, str]]:
    """(word, the text it stands in) for every word of the other language in the page's visible text."""
    found = []
    for shown in page.evaluate(_VISIBLE_TEXT.replace("STREAMLIT_CHROME", repr(", ".join(STREAMLIT_CHROME)))):
        text = _PATH.sub(" ", _LINK.sub(" ", shown))
        if language == "ru":
            words = [
                w for w in _LATIN_WORD.findall(text) if w not in LATIN_ALLOWED | DATA_CODES and not _CODE.fullmatch(w)
            ]
        else:
            words = [w for w in _CYRILLIC_WORD.findall(text) if w != "Русский"]
        found += [(word, shown[:80]) for word in words]
    return found


def _open(browser: Browser, url: str, locale: str = "en-US") -> Page:
    # Tall, so that what Streamlit draws below the first screen is in the DOM and laid out.
    context = browser.new_context(viewport={"width": 1400, "height": 3000}, locale=locale, accept_downloads=True)
    page = context.new_page()
    open_page(page, url)  # which waits for the charts to draw
    return page


@pytest.mark.parametrize("view", VIEWS)
def test_russian_pages_have_no_english_outside_quotes_and_names(browser: Browser, base_url: str, view: str):
    url = base_url + view + ("&" if "?" in view else "?") + "lang=ru"
    page = _open(browser, url)
    try:
        assert page.locator("h1").first.inner_text().strip(), "no page title"
        english = _words_of_other_language(page, "ru")
        assert not english, f"English on {view} in Russian: {english[:15]}"
        # The quotes are there, and marked as English.
        if view.startswith("/timeline?event="):
            assert page.locator('[lang="en"]').count() >= 1
    finally:
        page.context.close()


@pytest.mark.parametrize("view", VIEWS)
def test_english_pages_have_no_russian(browser: Browser, base_url: str, view: str):
    url = base_url + view + ("&" if "?" in view else "?") + "lang=en"
    page = _open(browser, url, locale="ru-RU")  # the link's language wins over the browser's
    try:
        russian = _words_of_other_language(page, "en")
        assert not russian, f"Russian on {view} in English: {russian[:15]}"
    finally:
        page.context.close()


def _share_link(page: Page) -> str:
    page.locator('[data-testid="stPopover"] button').first.click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"] code').first  # the permalink
    code.wait_for()
    return code.inner_text()


def test_a_link_made_in_russian_reopens_in_russian(browser: Browser, base_url: str):
    page = _open(browser, base_url + "/aid?lang=ru&recipient=KAZ")
    with use_language("ru"):
        title = translate("Aid and investment")
    try:
        assert page.locator("h1").first.inner_text().strip() == title
        link = _share_link(page)
        assert parse_qs(urlsplit(link).query)["lang"] == ["ru"]
    finally:
        page.context.close()
    colleague = _open(browser, base_url + "/aid?" + urlsplit(link).query, locale="en-GB")
    try:
        assert colleague.locator("h1").first.inner_text().strip() == title
        assert "Казахстан" in colleague.locator('[data-testid="stSidebar"]').inner_text()
    finally:
        colleague.context.close()


def test_the_browser_language_chooses_when_the_link_names_none(browser: Browser, base_url: str):
    page = _open(browser, base_url + "/timeline", locale="ru-RU")
    try:
        with use_language("ru"):
            assert page.locator("h1").first.inner_text().strip() == translate("Dialogue timeline")
        page.wait_for_function("() => window.location.search.includes('lang=ru')")
    finally:
        page.context.close()


def test_an_unknown_language_gets_a_notice_and_english(browser: Browser, base_url: str):
    page = _open(browser, base_url + "/aid?lang=xx", locale="ru-RU")
    try:
        assert page.locator("h1").first.inner_text().strip() == "Aid and investment"
        assert "lang='xx'" in page.locator('[data-testid="stAlert"]').first.inner_text()
    finally:
        page.context.close()


def test_the_switch_changes_the_language_and_keeps_the_view(browser: Browser, base_url: str):
    page = _open(browser, base_url + "/aid?lang=en&recipient=UZB&chart=time")
    try:
        with rerun(page):
            page.locator('[data-testid="stSidebar"] label').filter(has_text="Русский").click()
        page.wait_for_function("() => window.location.search.includes('lang=ru')")
        with use_language("ru"):
            assert page.locator("h1").first.inner_text().strip() == translate("Aid and investment")
        query = parse_qs(urlsplit(page.url).query)
        assert query["recipient"] == ["UZB"] and query["chart"] == ["time"]
        # The chosen options are drawn anew in Russian (a widget keeps the labels it was drawn with).
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "Узбекистан" in sidebar and "Uzbekistan" not in sidebar
    finally:
        page.context.close()


def _downloads(page: Page) -> tuple[bytes, bytes]:
    buttons = page.locator('[data-testid="stDownloadButton"]')  # the CSV, then the zip
    with page.expect_download() as csv_file:
        buttons.nth(0).locator("button").first.click()
    with page.expect_download() as zip_file:
        buttons.nth(1).locator("button").first.click()
    return Path(csv_file.value.path()).read_bytes(), Path(zip_file.value.path()).read_bytes()


@pytest.mark.parametrize("view", ["/aid", "/timeline", "/compare"])
def test_downloads_keep_their_columns_and_follow_the_language(browser: Browser, base_url: str, view: str):
    files = {}
    for language in ("en", "ru"):
        page = _open(browser, f"{base_url}{view}?lang={language}")
        try:
            files[language] = _downloads(page)
        finally:
            page.context.close()
    headers = {lang: next(csv.reader(io.StringIO(data[0].decode("utf-8-sig")))) for lang, data in files.items()}
    assert headers["en"] == headers["ru"], "a script reading the CSV must not break when the language changes"
    russian_csv = files["ru"][0].decode("utf-8-sig")
    assert _CYRILLIC_WORD.search(russian_csv), "the labels of a Russian download are in Russian"
    with zipfile.ZipFile(io.BytesIO(files["ru"][1])) as bundle:
        readme = bundle.read("README.txt").decode("utf-8")
    assert _CYRILLIC_WORD.search(readme.split("\n", 1)[0]), readme[:200]
