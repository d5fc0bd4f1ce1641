"""Everything the app relies on that Streamlit does not promise, in one place: its private runtime,
the page its frontend draws (CSS classes, `data-testid` attributes), Plotly's SVG classes and one
frontend behaviour, each behind a name that says what the app uses it for.

A Streamlit upgrade starts here. The app runs only on the versions in TESTED_STREAMLIT_VERSIONS
(`stop_on_untested_streamlit`, called first thing by dashboard/app.py); each item below says what
it relies on and which test notices when that changes. Run those tests (browser ones included) on
the new version, fix the items they flag, then add the version.

NOTE: nothing else under components/, dashboard/ or core/ may import Streamlit's private modules or
write one of these selectors (tests/test_streamlit_internals.py scans them). Private modules are
imported inside the functions that use them, so that on a version where they moved the version
check still runs and says so, instead of an ImportError before the page is drawn.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import streamlit as st

# The Streamlit versions the whole test suite, browser tests included, has passed on.
TESTED_STREAMLIT_VERSIONS: tuple[str, ...] = ("1.67.0",)

_LOG = logging.getLogger(__name__)


def untested_version_problem(found: str) -> str | None:
    """What is wrong when the app runs on Streamlit `found`, and what to do; None if it was tested.

    In English: it is shown before the interface's language is chosen, and is meant for whoever
    installed the server (the language switch itself may be what the new version broke)."""
    if found in TESTED_STREAMLIT_VERSIONS:
        return None
    tested = ", ".join(TESTED_STREAMLIT_VERSIONS)
    return (
        f"This dashboard was tested with Streamlit {tested}, but Streamlit {found} is installed. "
        "It relies on details of Streamlit that change between versions without notice, so it does not start. "
        "Install the tested version (`pip install --require-hashes -r requirements.txt`). "
        "To adopt the new version, run the whole test suite on it (browser tests included), fix what "
        "components/streamlit_internals.py's checks flag, and add the version to TESTED_STREAMLIT_VERSIONS there."
    )


def stop_on_untested_streamlit() -> None:
    """Stop the page with a message naming the tested and found versions on any other version of
    Streamlit (tests/test_streamlit_internals.py runs the app with another version)."""
    problem = untested_version_problem(st.__version__)
    if problem:
        _LOG.error(problem)
        st.error(problem, icon=":material/error:")
        st.stop()


# --- Streamlit's private runtime ---------------------------------------------------------------


def quiet_missing_context_warnings(quiet: Callable[[], bool]) -> None:
    """Drop Streamlit's "missing ScriptRunContext" warning while `quiet()` is true in the thread
    logging it: its caches log it when called outside a page's run, and the API (dashboard/api.py)
    reads the same cached facts from its own threads on purpose, once per request. Relies on the
    name of the module that logs it; tests/test_api_server.py reads the server log."""

    class Quiet(logging.Filter):
        def filter(self, record: logging.LogRecord) -> bool:
            return not quiet()

    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(Quiet())


def answer_without_nagle_delay() -> None:
    """Make the server's connections send small answers at once (TCP_NODELAY).

    Streamlit 1.67 binds its listening socket itself (`starlette_server._bind_socket`, with
    `socket.socket(family=...)`, so its protocol reads 0), and asyncio sets TCP_NODELAY only on
    sockets whose protocol says TCP. Every request after the first on a kept-alive connection
    then waited for the client's delayed ACK: 44 ms for /_stcore/health instead of 2 ms, and the
    API's requests per second fell to 23 from one client (benchmarks/api.py); HAProxy and browsers
    keep their connections alive too. The socket is bound before dashboard/server.py is imported,
    so the option is set on each connection as uvicorn's HTTP protocol (h11, the one installed)
    takes it. tests/test_streamlit_internals.py checks a connection the protocol takes."""
    import socket

    from uvicorn.protocols.http.h11_impl import H11Protocol

    made = H11Protocol.connection_made
    if getattr(made, "sets_nodelay", False):
        return

    def connection_made(self: H11Protocol, transport: object) -> None:
        connection = getattr(transport, "get_extra_info", lambda name: None)("socket")
        if connection is not None and connection.family in (socket.AF_INET, socket.AF_INET6):
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        made(self, transport)  # type: ignore[arg-type]

    connection_made.sets_nodelay = True  # type: ignore[attr-defined]
    H11Protocol.connection_made = connection_made  # type: ignore[method-assign]


def widgets_held_by_browser() -> set[str]:
    """Keys of the widgets whose values the browser sent with this run.

    A tab whose server process went away (a replica died, the server restarted) reconnects to a new
    session, whose first run carries every widget's value as the user left it, including the change
    that asked for the run. Those values are newer than the URL, which the old process wrote before
    that change; but st.session_state shows them only once the widget is drawn, so seeding from the
    URL would overwrite the user's change (components.view_state.seed_widgets skips these keys). No
    public API says what the browser sent.

    Relies on: `streamlit.runtime.state.get_session_state()`, its `get_widget_states()` (the
    WidgetState messages of this run, each with the element id), and
    `streamlit.runtime.state.common.user_key_from_element_id` (the user's key inside that id).
    Noticed by: tests/test_serve_protocol.py (a reconnected tab's first change is not lost, and a
    value its page reads before drawing it is kept) and tests/test_serve_failover.py.
    """
    from streamlit.runtime.state import get_session_state
    from streamlit.runtime.state.common import user_key_from_element_id

    return {key for state in get_session_state().get_widget_states() if (key := user_key_from_element_id(state.id))}


# --- A frontend behaviour ----------------------------------------------------------------------


# NOTE: the timer's only purpose is the reconnect rule below; its own reruns (one per tab per hour)
# run this empty function and nothing else. Under 24 days, or the browser's timer fires at once.
@st.fragment(run_every=dt.timedelta(hours=1))
def rerun_after_reconnect() -> None:
    """Draws nothing; calling it on a page makes a tab that reconnects to a new server process draw
    that page again at once.

    A tab's session lives in one server process. When that process goes away the tab reconnects to
    a new session in another process, its address still holding the view; until that session runs
    the page, every download button points at a file registered in the dead process, so "Download
    CSV" silently does nothing.

    Relies on: Streamlit's frontend asking a new session for a run after a reconnect only when the
    page has a fragment that reruns on a timer (or a run was under way); undocumented.
    Noticed by: tests/test_serve_failover.py (each moved tab's CSV downloads right after the move,
    before any rerun the user asks for).
    """


# --- The page Streamlit's frontend draws -------------------------------------------------------


# Streamlit's frontend reads the settings in `window.__streamlit` (its hook for a host that embeds
# it) before it connects; BACKEND_BASE_URL there is the app's base address, from which it works out
# where to connect. dashboard/page_shell.py sets it so that a page's link connects at once;
# tests/test_page_shell.py's browser tests notice when Streamlit stops reading it (a link to a page
# asks the wrong health address first again).
FRONTEND_SETTINGS = "window.__streamlit"
FRONTEND_BASE_URL_SETTING = "BACKEND_BASE_URL"


def key_class(key: str) -> str:
    """The CSS class Streamlit's frontend gives an element or container drawn with `key`.

    Relies on: the frontend's `st-key-<key>` class (undocumented). Noticed by:
    tests/test_browser_timeline.py and tests/test_browser_aid.py (labels and notes on a narrow
    screen), tests/test_browser_accessibility.py (the focus moves to a chosen event's card)."""
    return f"st-key-{key}"


def key_selector(key: str) -> str:
    """A CSS selector of the element or container drawn with `key` (see `key_class`)."""
    return f".{key_class(key)}"


MAIN_AREA_SELECTOR = '[data-testid="stMain"]'
"""The page's main column (not the sidebar), where each page draws its headings and tables.
Relies on: the frontend's `data-testid="stMain"`. Noticed by: tests/test_browser_accessibility.py
(each table is named by its heading) and every browser test (scripts.browser.wait_for_app)."""

OPEN_SIDEBAR_SELECTOR = '[data-testid="stSidebar"][data-collapsed="false"]'
"""The sidebar while it is open beside the main column. Relies on: `data-testid="stSidebar"` and
its `data-collapsed` attribute. Noticed by: tests/test_browser_screens.py (a widened sidebar leaves
the charts as wide as they are laid out for)."""

# Streamlit's layout around the main column (1.67, measured in Chromium): the sidebar covers the
# page in a window up to SIDEBAR_OVERLAYS_UP_TO_PX wide (its `max-width: 768px` query) and opens
# beside the main column in a wider one, SIDEBAR_PX wide until the reader drags it wider (up to
# 600 px, kept in the browser's localStorage); the main column's padding, both sides together, is
# 32 px, and 160 px from a window of WIDE_PADDING_FROM_PX (its `min-width: calc(736px + 8rem)`).
# Noticed by: tests/test_browser_screens.py (the narrowest chart is measured there) and
# tests/test_text_width.py (core.text_width.NARROWEST_MAIN_COLUMN_PX must equal 864 - 300 - 160).
SIDEBAR_OVERLAYS_UP_TO_PX = 768
SIDEBAR_PX = 300
MAIN_PADDING_PX = 32
WIDE_PADDING_FROM_PX = 864
WIDE_MAIN_PADDING_PX = 160

TABLE_SELECTOR = '[data-testid="stDataFrame"]'
"""An interactive table (st.dataframe). Relies on: `data-testid="stDataFrame"`. Noticed by:
tests/test_browser_accessibility.py (each table is named by its heading)."""

TABLE_GRID_SELECTOR = '[role="grid"]'
"""Inside a table: the grid element that carries the table's accessible name. Relies on: the
grid drawn by st.dataframe (Glide Data Grid) having `role="grid"`. Noticed by:
tests/test_browser_accessibility.py (each table is named by its heading)."""

POPOVER_BUTTON_SELECTOR = '[data-testid="stPopoverButton"]'
"""The button that opens a popover (st.popover). Relies on: `data-testid="stPopoverButton"` and its
`aria-expanded` attribute, true while its popover is open. Noticed by:
tests/test_browser_accessibility.py (the keyboard reaches an opened popover)."""

POPOVER_BODY_SELECTOR = '[data-testid="stPopoverBody"]'
"""An open popover's contents, drawn at the end of the page (a portal), with role="dialog" and no
name. Relies on: `data-testid="stPopoverBody"`; only one popover is open at a time. Noticed by:
tests/test_browser_accessibility.py (the keyboard reaches an opened popover)."""

CHART_SELECTOR = '[data-testid="stPlotlyChart"]'
"""A Plotly chart (st.plotly_chart). Relies on: `data-testid="stPlotlyChart"`. Noticed by:
tests/test_browser_citations.py (the source line gives way on a phone)."""

PAGE_WIDE_CHART_SELECTOR = '[data-testid="stElementContainer"][width="100%"] [data-testid="stPlotlyChart"]'
"""A chart drawn as wide as its column (st.plotly_chart without a fixed `width`). Relies on: the
element's container carrying its width as an attribute, `width="100%"` (a fixed width reads
`width="440px"`). Noticed by: tests/test_browser_citations.py (the source line fits its chart at
every width)."""

CHART_SOURCE_LINE_SELECTOR = 'g.annotation[data-index="0"]'
"""Inside a chart: its source line, the figure's first annotation (core.chart_source puts it
first). Relies on: Plotly drawing each annotation as `g.annotation` with its index in `data-index`.
Noticed by: tests/test_browser_citations.py (the source line fits its chart and gives way on a phone)."""

CHART_VERSION_SELECTOR = 'g.annotation[data-index="1"]'
"""Inside a chart: its data version, the figure's second annotation, for the PNG only. Relies on the
same as CHART_SOURCE_LINE_SELECTOR. Noticed by: tests/test_browser_citations.py."""

CHART_TEXT_LABEL_SELECTORS: tuple[str, ...] = (".textpoint", ".bartext")
"""Inside a chart: the text Plotly draws beside marks (a scatter's and a bar's `text`). Relies on:
Plotly's SVG classes `textpoint` and `bartext`. Noticed by: tests/test_browser_timeline.py and
tests/test_browser_aid.py (labels left out on a narrow screen)."""


def text_labels_selector(chart_key: str) -> str:
    """A CSS selector of the text beside the marks of the chart drawn with `chart_key`."""
    return ",".join(f"{key_selector(chart_key)} {label}" for label in CHART_TEXT_LABEL_SELECTORS)
