"""On the wire, with Streamlit's own messages: what a reconnected tab sends wins over its URL,
a link still opens its view, and the protocol load driver counts what it should."""

from __future__ import annotations

import re
from urllib.parse import parse_qs

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from benchmarks.protocol_load import Run, StreamlitSession, in_own_loop, run_bounded, table
from scripts.browser import running_dashboard

LINK = "recipient=KAZ&recipient=UZB&by=recipient&years=1990-2019"


def first_run(base_url: str, query: str = "", widgets: list[WidgetState] | None = None, page: str = "aid") -> Run:
    """A new session's first run: what a reconnected tab (widgets given) or a link (none) sends."""

    async def go() -> Run:
        session = StreamlitSession(base_url, page)
        await session.open()
        try:
            return await session.run(query, widgets or [])
        finally:
            await session.close()

    return in_own_loop(go())


@pytest.fixture(scope="module")
def widget_ids(base_url: str) -> dict[str, str]:
    """The widgets' ids, as a tab that drew the page knows them."""
    return first_run(base_url).widgets


def test_a_link_opens_its_view(base_url: str) -> None:
    run = first_run(base_url, LINK)
    query = parse_qs(run.query)
    assert run.status == "FINISHED_SUCCESSFULLY" and not run.exception
    assert query["by"] == ["recipient"] and query["years"] == ["1990-2019"] and query["recipient"] == ["KAZ", "UZB"]


def test_a_reconnected_tabs_first_change_is_not_lost(base_url: str, widget_ids: dict[str, str]) -> None:
    """The tab's URL still says what the dead process wrote before the click; the widget values it
    sends with the click are newer, and win (Streamlit re-seeding from the URL lost the click)."""
    sent = [
        WidgetState(id=widget_ids["Bars by"], string_value="Status"),  # the click
        WidgetState(id=widget_ids["Years"], double_array_value={"data": [1990, 2019]}),  # as before it
    ]
    run = first_run(base_url, LINK, sent)
    query = parse_qs(run.query)
    assert run.status == "FINISHED_SUCCESSFULLY" and not run.exception
    assert query["by"] == ["status"]
    assert query["years"] == ["1990-2019"]  # a range, though no URL value seeded the slider
    assert query["recipient"] == ["KAZ", "UZB"]  # what the tab did not send still comes from its URL


def test_a_reconnected_tab_keeps_a_value_its_page_reads_before_drawing_it(base_url: str) -> None:
    """The timeline reads its event key before it draws the event list; that key is still seeded
    from the URL, which a reconnected tab's automatic first run shares with the list."""
    link = first_run(base_url, "event=E02", page="timeline")
    shown = link.elements["Event details"]
    sent = [WidgetState(id=shown.id, string_value=shown.raw_value)]
    run = first_run(base_url, "event=E02", sent, page="timeline")
    assert run.status == "FINISHED_SUCCESSFULLY" and not run.exception
    assert parse_qs(run.query)["event"] == ["E02"]


@pytest.mark.server
def test_the_load_driver_times_every_change_and_counts_sessions() -> None:
    with running_dashboard() as url:  # its own server: no other test's session is counted
        state = {"url": url, "balancer": {"pid": url.pid}, "replicas": [{"name": "r1", "url": url, "pid": url.pid}]}
        result = run_bounded(state, sessions=2, changes=3)
    assert result.errors == []
    assert len(result.latencies) == 6 and result.reruns_per_second > 0
    assert result.sessions_per_replica == {"r1": 2}
    assert result.cpu["replicas"] > 0 and set(result.cpu) >= {"balancer", "driver", "other", "machine"}
    printed = table([result])
    assert re.search(r"^changes completed +6$", printed, re.M) and "CPU s: everything else" in printed


def test_the_load_driver_refuses_other_than_loopback() -> None:
    state = {"url": "http://192.0.2.1:8501", "balancer": {"pid": 1}, "replicas": []}
    with pytest.raises(ValueError, match="loopback"):
        run_bounded(state, sessions=1, changes=1)
