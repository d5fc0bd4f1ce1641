"""The interface's language: chosen by the link (`?lang=`), else by the browser, else English;
switched on every page from the sidebar, and written into the address bar and every permalink."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

import streamlit as st

from components.streamlit_internals import widgets_held_by_browser
from core.i18n import ENGLISH, LANGUAGE_NAMES, LANGUAGES, _, current_language, set_language
from core.url_state import LANGUAGE_PARAM, QueryReader

LANGUAGE_KEY = "language"
RUN_LANGUAGE_KEY = "_run_language"  # the language the last full run chose, for a fragment's rerun


def browser_language() -> str:
    """The browser's preferred language if the dashboard has it ('ru-RU' -> 'ru'), else English."""
    # NOTE: st.context.locale is None in AppTest and before the browser has reported it.
    preferred = (st.context.locale or "").split("-")[0].lower()
    return preferred if preferred in LANGUAGES else ENGLISH


def choose_language() -> None:
    """Set this run's language and draw the switch. (The page's notices say when a link's `lang`
    was not one of ours: view_state.read_view.)

    The link's language is taken the first time the session sees it; after that the switch is the
    user's and the page writes it back to the address bar (view_state.write_view).
    """
    reader = QueryReader({LANGUAGE_PARAM: st.query_params.get_all(LANGUAGE_PARAM)})
    linked = reader.language(LANGUAGES)
    default = linked or (ENGLISH if reader.notices else browser_language())  # unknown `lang`: English
    if st.session_state.get(LANGUAGE_KEY) in LANGUAGES:
        language = st.session_state[LANGUAGE_KEY]
    elif LANGUAGE_KEY in widgets_held_by_browser():
        # A tab reconnecting to a new server process sends the switch's value, newer than the URL:
        # seeding would overwrite it. This run uses the URL's; the switch keeps the browser's.
        language = default
    else:
        language = st.session_state[LANGUAGE_KEY] = default
    set_language(language)
    st.session_state[RUN_LANGUAGE_KEY] = language
    # WCAG 3.1.1: the document states the interface's language, so that a screen reader reads the
    # Russian with a Russian voice. (Streamlit's page says lang="en" whatever the content.) The
    # script is a constant: no data reaches it.
    st.sidebar.radio(
        _("Language"),
        LANGUAGES,
        key=LANGUAGE_KEY,
        format_func=LANGUAGE_NAMES.__getitem__,
        horizontal=True,
        help=_("The language of the interface. Quotes stay as the source wrote them."),
    )
    script = f"<script>document.documentElement.lang = {json.dumps(language)};</script>"
    st.sidebar.html(script, unsafe_allow_javascript=True)


def in_run_language(body: Callable[[], None]) -> Callable[[], None]:
    """`body`, run in the language the last full run chose. A fragment's rerun does not run app.py,
    where `choose_language` sets the language of the run; without this, a filter change in Russian
    drew the filtered view in English and wrote `lang=en` to the address bar."""

    @functools.wraps(body)
    def run() -> None:
        set_language(st.session_state.get(RUN_LANGUAGE_KEY, current_language()))
        body()

    return run
