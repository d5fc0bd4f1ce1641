"""The interface's language: gettext catalogues (Babel) and locale-aware numbers, chosen per run.

Every user-facing string of the code is written in English inside `_()` (or `ngettext()` for
counts, `N_()` for strings defined at import time and translated where shown). `pybabel extract`
collects them into `core/locales/messages.pot`; `core/locales/ru/LC_MESSAGES/messages.po` holds the
Russian; the compiled `messages.mo` beside it is what runs (tests/test_translations.py checks that
every string has a translation and that the `.mo` is current). See docs/translations.md.

NOTE: the language is a context variable, set once at the start of each script run
(`use_language`). Streamlit runs each session's script in its own thread, and a thread starts with
its own context, so sessions in different languages never see each other's. Work cached across
sessions must be keyed by the language (components.data does so).
"""

from __future__ import annotations

import contextvars
import datetime
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
ENGLISH = "en"
# The interface's languages, in the order the switch offers them. English is the code's own text.
LANGUAGES: tuple[str, ...] = ("en", "ru")
# Each language's name in itself, for the switch (a reader looks for their own language's name).
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}

_language: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=ENGLISH)
T = TypeVar("T")


def current_language() -> str:
    return _language.get()


def set_language(language: str) -> None:
    """Make `language` the language of the rest of this run (this thread's context)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    _language.set(language)


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Run a block in `language`, then go back to the language before it."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


def in_language(language: str, build: Callable[[], T]) -> Callable[[], T]:
    """`build`, to be called later (a download made when a button is clicked, perhaps in another
    thread), in the language it was made in."""

    def built() -> T:
        with use_language(language):
            return build()

    return built


def each_in_language(language: str, pieces: Iterator[T]) -> Iterator[T]:
    """`pieces`, each made in `language` whichever thread asks for it (a streamed answer is sent by
    a thread other than the one that chose its language)."""
    while True:
        with use_language(language):
            piece = next(pieces, _END)
        if piece is _END:
            return
        yield piece  # type: ignore[misc]


_END = object()


@functools.cache
def _catalogue(language: str) -> NullTranslations:
    if language == ENGLISH:
        return NullTranslations()
    compiled = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with compiled.open("rb") as handle:
        return Translations(handle, domain=DOMAIN)


def _(message: str) -> str:
    """`message` in the current language."""
    return _catalogue(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for `count` in the current language (Russian has three: 1 событие, 2 события,
    5 событий). Both English forms take `{n}` for the number, formatted by the caller."""
    return _catalogue(current_language()).ngettext(singular, plural, count)


def N_(message: str) -> str:  # the gettext convention's name, which pybabel extracts
    """Mark a string defined at import time for extraction; translate it with `_()` where shown."""
    return message


def locale() -> Locale:
    return Locale.parse(current_language())


def number(value: float | int, digits: int = 0) -> str:
    """A number with the language's separators: 1,234.5 in English, 1 234,5 in Russian."""
    fmt = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=fmt, locale=current_language())


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where the same English means different things."""
    return str(_catalogue(current_language()).pgettext(context, message))


def years(start: int, end: int | None = None) -> str:
    """A year or a span of years in running text: '2005–2019' ('2005–2019 гг.', '2015 г.' in Russian)."""
    if end is None or end == start:
        return pgettext("one year", "{year}").format(year=start)
    return pgettext("span of years", "{first}–{last}").format(first=start, last=end)


def long_date(iso: str) -> str:
    """A day in words: '24 December 2022' ('24 декабря 2022 г.' in Russian)."""
    day = datetime.date.fromisoformat(iso)
    if current_language() == ENGLISH:
        return format_date(day, "d MMMM y", locale=ENGLISH)
    return format_date(day, "long", locale=current_language())


def month_year(iso: str) -> str:
    """A month in words: 'August 2024' ('август 2024' in Russian); `iso` is YYYY-MM."""
    return format_date(datetime.date.fromisoformat(f"{iso}-01"), "LLLL y", locale=current_language())
