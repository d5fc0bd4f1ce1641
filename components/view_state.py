"""The address bar is the view: filters are read from the query string and written back to it.

Flow on every run: parse the URL (untrusted) -> seed widgets that have no state yet -> widgets give
the filters -> write them, every value explicit, back to the URL. Notices name what was ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping

import streamlit as st

from components.language import in_run_language
from components.streamlit_internals import widgets_held_by_browser
from core.i18n import LANGUAGES, _, current_language
from core.pages import Page
from core.params import F
from core.url_state import LANGUAGE_PARAM, QueryReader, version_notice


def read_view(parse: Callable[[QueryReader], F], data_version: str) -> tuple[F, list[str]]:
    """The filters the URL asks for, and the notices about what in it was ignored or has changed."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    reader = QueryReader(params)
    filters = parse(reader)
    reader.language(LANGUAGES)  # chosen in app.py (components.language); here only for its notice
    notices = reader.finish()
    changed = version_notice(reader.version(), data_version)
    if changed:
        notices.append(changed)
    return filters, notices


def open_view(page: Page, data_version: str, parse: Callable[[QueryReader], F]) -> tuple[F, list[str]]:
    """The view a link asks for (`parse` reads it with the page's parameters), its notices, and the
    page's widgets seeded with it."""
    assert page.params is not None, f"{page.slug} has no filters"
    linked, notices = read_view(parse, data_version)
    # Only the filter panel's widgets take the browser's value: a page that reads a key before it
    # draws that key's widget (the timeline's event) could not see the browser's value, so its
    # key keeps the URL's.
    panel = {page.widget_key(p.field) for p in page.params.params if p.in_panel}
    seed_widgets(page.widget_values(linked), newer_in_browser=widgets_held_by_browser() & panel)
    return linked, notices


def seed_widgets(values: Mapping[str, object], newer_in_browser: Collection[str] = ()) -> None:
    """Give widgets their value from the URL the first time they appear in this session, except
    those whose newer value the browser sent (a tab that reconnected to a new server process)."""
    for key, value in values.items():
        if key not in st.session_state and key not in newer_in_browser:
            st.session_state[key] = value


def write_view(query: Mapping[str, str | Iterable[str]]) -> None:
    """Make the address bar state the current view (repeated keys for lists) and its language."""
    query = {LANGUAGE_PARAM: current_language(), **query}
    target = {key: [value] if isinstance(value, str) else list(value) for key, value in query.items()}
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if current != target:
        st.query_params.from_dict(target)


def view_fragment(body: Callable[[], None]) -> Callable[[], None]:
    """`body`, the part of a page its filters decide, as a fragment: a change of a widget it draws
    reruns it alone, not app.py or the page's header above it (docs/performance.md), in the
    language the last full run chose."""
    return st.fragment(in_run_language(body))


def show_notices(notices: list[str]) -> None:
    if notices:
        text = _("The link was opened with changes: {changes}.").format(changes="; ".join(notices))
        st.info(text, icon=":material/link:")
