"""The browser tests' own helpers, in Chromium: `rerun` must see every run finish, and only then."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from scripts.browser import open_page, rerun

pytestmark = pytest.mark.browser


def _message(**fields) -> ForwardMsg:
    message = ForwardMsg(hash="0" * 32, **fields)
    message.metadata.delta_path.extend([0, 6])  # a field of varints before the type, as the server sends
    return message


def _finished(status: str) -> ForwardMsg:
    return _message(script_finished=ForwardMsg.ScriptFinishedStatus.Value(status))


def _markdown(body: str) -> ForwardMsg:
    message = _message()
    message.delta.new_element.markdown.body = body
    return message


def _finishes_run(page: Page, message: ForwardMsg) -> bool:
    as_bytes = list(message.SerializeToString())
    return page.evaluate("(bytes) => window.__finishesRun(new Uint8Array(bytes).buffer)", as_bytes)


def test_only_the_servers_run_finished_message_counts_as_a_finished_run(base_url: str, page: Page) -> None:
    open_page(page, base_url + "/")
    assert _finishes_run(page, _finished("FINISHED_SUCCESSFULLY"))
    assert _finishes_run(page, _finished("FINISHED_FRAGMENT_RUN_SUCCESSFULLY"))
    # Byte 0x30 is field 6's tag; inside a string or a nested message it is not the top level's.
    assert not _finishes_run(page, _markdown("0" * 200))
    session = _message()
    session.new_session.page_script_hash = "060606"
    assert not _finishes_run(page, session)


def test_one_widget_change_counts_one_run(base_url: str, page: Page) -> None:
    open_page(page, base_url + "/aid")
    loaded = page.evaluate("() => window.__runsFinished")
    assert loaded >= 1  # the page's own run
    with rerun(page):
        page.get_by_text("Over time", exact=True).click()
    assert page.evaluate("() => window.__runsFinished") == loaded + 1
    assert "chart=time" in page.url


def test_rerun_refuses_a_page_whose_runs_are_not_counted(base_url: str, page: Page) -> None:
    page.goto(base_url + "/")
    with pytest.raises(RuntimeError, match="count_runs"), rerun(page):
        pass
