"""The interface's language: chosen by the link (`?lang=`), else by the browser, else English;
switched on every page from the sidebar, and written into the address bar and every permalink."""

from __future__ import annotations

import json

import streamlit as st

from core.i18n import ENGLISH, LANGUAGE_NAMES, LANGUAGES, _, set_language
from core.url_state import LANGUAGE_PARAM, QueryReader

LANGUAGE_KEY = "language"


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
    if LANGUAGE_KEY not in st.session_state or st.session_state[LANGUAGE_KEY] not in LANGUAGES:
        # A link naming a language we do not have opens in English, as its notice says.
        st.session_state[LANGUAGE_KEY] = linked or (ENGLISH if reader.notices else browser_language())
    language = st.session_state[LANGUAGE_KEY]
    set_language(language)
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
