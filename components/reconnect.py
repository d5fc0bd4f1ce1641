"""Make a tab that reconnects to a new server process draw its page again at once.

A tab's session lives in one server process. When that process goes away (a replica dies behind
the balancer, or the server restarts) the tab reconnects to a new session in another process, and
its address still holds the view. But Streamlit's frontend asks the new session for a run only if
the page has a fragment that reruns on a timer (or a run was under way): otherwise nothing runs
until the user's next click, and meanwhile every download button points at a file registered in
the dead process, so "Download CSV" silently does nothing.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st


# NOTE: the timer's only purpose is the reconnect rule above; its own reruns (one per tab per
# hour) run this empty function and nothing else. Under 24 days, or the browser's timer fires at once.
@st.fragment(run_every=dt.timedelta(hours=1))
def rerun_after_reconnect() -> None:
    """Draws nothing; calling it on a page makes a reconnected tab rerun that page."""
