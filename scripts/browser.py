"""Start the dashboard on a free loopback port and drive Debian's Chromium with Playwright.

Shared by the browser tests and scripts/screenshots.py. Never downloads a browser.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from components.streamlit_internals import MAIN_AREA_SELECTOR, TABLE_SELECTOR
from scripts.serve import free_port, wait_healthy

REPO_ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("DASHBOARD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ServerURL(str):
    """The base URL of a running dashboard, which also knows the server's process id."""

    pid: int


@contextlib.contextmanager
def running_dashboard(
    env: dict[str, str] | None = None,
    log_path: Path | None = None,
    port: int | None = None,
    script: str = "dashboard/server.py",
    cwd: Path = REPO_ROOT,
    base_path: str = "",
) -> Iterator[ServerURL]:
    """Run `streamlit run SCRIPT` on a free port (or `port`) in `cwd`, whose .streamlit/config.toml
    it reads, under the path `base_path` if one is given (as a proxy that keeps its prefix would
    forward it); yield its base URL, the path included; stop it after."""
    port = port or free_port()
    log = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", script,
            "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
            *(["--server.baseUrlPath", base_path] if base_path else []),
        ],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    base_url = ServerURL(f"http://127.0.0.1:{port}" + (f"/{base_path}" if base_path else ""))
    base_url.pid = process.pid
    try:
        wait_healthy(base_url, process)
        yield base_url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        if log_path:
            log.close()


@contextlib.contextmanager
def launch_chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# True once every chart and table in view has drawn: Plotly its SVG, st.dataframe the table it
# keeps for assistive technology beside its canvas. (A table in a closed expander is not drawn.)
_DRAWN = """() => {
  const shown = (selector) => [...document.querySelectorAll(selector)].filter((e) => e.checkVisibility());
  return shown('[data-testid="stPlotlyChart"]').every((chart) => chart.querySelector('.main-svg'))
    && shown('[data-testid="stDataFrame"]').every((grid) => grid.querySelector('table[role="grid"]'));
}"""


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
    """Wait until the script has run and the page has drawn what it ran.

    NOTE: a fresh page reports "notRunning" before its first run has even started, so first wait
    for something the run draws: every page has a title, and a page that cannot load its data
    shows an alert instead. Then wait for the widgets: the frontend loads their code on first use
    and shows a grey skeleton (stSkeleton) meanwhile, after the script has finished. Then for the
    charts and tables, which draw a moment after that. After a widget change, use `rerun`.
    """
    page.wait_for_selector(f'{MAIN_AREA_SELECTOR} h1, [data-testid="stAlert"]', timeout=timeout)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)
    page.wait_for_function(_DRAWN, timeout=timeout)


# Counts, from the page's start, the messages by which the server says a run (or a fragment's run)
# has finished: ForwardMsg's `script_finished` field, read from the top level of each websocket
# message's protobuf bytes. Installed before the page loads (`count_runs`); a second copy is inert.
_COUNT_FINISHED_RUNS = """
(() => {
  if (window.__runsFinished !== undefined) return;
  window.__runsFinished = 0;
  const SCRIPT_FINISHED = __SCRIPT_FINISHED__;
  const varint = (bytes, at) => {
    let value = 0, scale = 1, byte;
    do { byte = bytes[at++]; value += (byte & 0x7f) * scale; scale *= 128; } while (byte & 0x80 && at < bytes.length);
    return [value, at];
  };
  window.__finishesRun = (buffer) => {
    const bytes = new Uint8Array(buffer);
    let at = 0, tag, length;
    while (at < bytes.length) {
      [tag, at] = varint(bytes, at);
      const field = Math.floor(tag / 8), wire = tag % 8;
      if (field === SCRIPT_FINISHED && wire === 0) return true;
      if (wire === 0) [, at] = varint(bytes, at);
      else if (wire === 2) { [length, at] = varint(bytes, at); at += length; }
      else if (wire === 1) at += 8;
      else if (wire === 5) at += 4;
      else return false;
    }
    return false;
  };
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer && window.__finishesRun(event.data)) window.__runsFinished += 1;
      });
    }
  };
})();
""".replace("__SCRIPT_FINISHED__", str(ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].number))

# Resolves after the page has had two frames and a task: long enough for Streamlit to hand the
# messages already received to React and for React to commit what they drew.
_AFTER_TWO_FRAMES = """() => new Promise((done) =>
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0))))"""


def count_runs(page: Page) -> None:
    """Make `rerun` work on `page`: count its finished runs from its next load on."""
    page.add_init_script(_COUNT_FINISHED_RUNS)


@contextlib.contextmanager
def rerun(page: Page, timeout: float = 30_000) -> Iterator[None]:
    """Around an action that reruns the script (a widget changed): after it, wait until a run has
    finished and the page has drawn it. The page must have been loaded after `count_runs` (as
    `open_page` does).

    NOTE: the page says "notRunning" from the click until the rerun starts, so waiting for that
    state alone can return before the rerun. Nor can a watch on that state count runs: when the
    page is busy, the messages that start and finish a short run reach React together and the
    state never shows "running" (a CI run timed out so). The server's message that a run finished
    is what shows the action took effect.
    """
    before = page.evaluate("() => window.__runsFinished")
    if before is None:
        raise RuntimeError("rerun() needs a page loaded after count_runs(page): open it with open_page")
    yield
    page.wait_for_function("(before) => window.__runsFinished > before", arg=before, timeout=timeout)
    page.evaluate(_AFTER_TWO_FRAMES)
    wait_for_app(page, timeout)


def assert_no_exception(page: Page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, "an exception is shown on the page"


def rss_mib(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def open_page(page: Page, url: str) -> None:
    """Go to `url` (counting its runs, for `rerun`), wait until the script has run, and check that
    no exception is shown."""
    count_runs(page)
    page.goto(url)
    wait_for_app(page)
    assert_no_exception(page)


def chips(page: Page, label: str) -> list[str]:
    """The options chosen in the multiselect labelled `label`, as the page shows them."""
    widget = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    return widget.locator("[data-tag] [title]").all_inner_texts()


def table_rows(page: Page, columns: int = 5) -> list[list[str]]:
    """The first `columns` cells of each row of the last table, as it renders them for assistive
    technology (the grid renders only the columns in view, so compare a fixed leading set)."""
    grid = page.locator(TABLE_SELECTOR).last
    grid.scroll_into_view_if_needed()
    # The grid draws its rows for assistive technology a moment after it is scrolled to.
    grid.locator('table[role="grid"] tbody tr').first.wait_for(state="attached")
    return [row.locator("td").all_inner_texts()[:columns] for row in grid.locator("tbody tr").all()]


def download(page: Page, button: str) -> tuple[str, bytes]:
    """Click a download button; the file's suggested name and bytes."""
    with page.expect_download() as caught:
        page.get_by_role("button", name=button).click()
    return caught.value.suggested_filename, Path(caught.value.path()).read_bytes()
