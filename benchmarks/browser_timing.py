"""How long a page takes in Chromium, timed inside the page: shared by the browser benchmarks.

Times are the page's own clock (`performance.now()`), so Playwright's round trips are not in them:
- navigation: from the navigation's start to the first chart (or the Overview's first figure)
  drawn in the main area, and to the last change of the main area once the run has finished;
- filter change: from the pointer pressing the widget to the last change inside a chart (the
  redrawn chart, what #26 times), and to the last change of the main area once the rerun it
  started has finished (everything else the rerun redrew: a table's grid updates its hidden
  accessible copy well after the chart).
"Once the run has finished" is a message received after the input, the app's script state at
notRunning, and neither a message nor a change of the main area for QUIET_MS.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TypeVar

from playwright.sync_api import Page

from components.streamlit_internals import CHART_SELECTOR

T = TypeVar("T")
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHART = ".main-svg, [data-testid='stMetricValue']"
QUIET_MS = 400

# Installed before any script of the page runs (Page.add_init_script), so nothing is missed.
INSTRUMENT = """
(() => {
  const bench = window.__bench = {chartAt: null, lastChange: 0, lastChartChange: 0, inputAt: null, received: 0};
  const CHART = __CHART__, CHART_ELEMENT = __CHART_ELEMENT__;
  const inChart = node => {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element !== null && element.closest(CHART_ELEMENT) !== null;
  };
  // A rerun is seen by the messages it sends: the app's script state may never show "running"
  // for a fast one (React draws both states in one frame).
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { bench.received = performance.now(); });
    }
  };
  const watch = () => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main) { setTimeout(watch, 5); return; }
    new MutationObserver(records => {
      bench.lastChange = performance.now();
      if (records.some(record => inChart(record.target))) bench.lastChartChange = bench.lastChange;
      if (bench.chartAt === null && main.querySelector(CHART)) bench.chartAt = bench.lastChange;
    }).observe(main, {subtree: true, childList: true, attributes: true, characterData: true});
  };
  watch();
  document.addEventListener('pointerdown', () => {
    if (bench.inputAt === null) bench.inputAt = performance.now();
  }, true);
})();
""".replace("__CHART__", json.dumps(CHART)).replace("__CHART_ELEMENT__", json.dumps(CHART_SELECTOR))

SETTLED_AND_QUIET = f"""() => {{
  const bench = window.__bench;
  const now = performance.now();
  return bench && bench.received > (bench.inputAt ?? 0) && document.querySelector('{SETTLED}') !== null
    && now - bench.lastChange > {QUIET_MS} && now - bench.received > {QUIET_MS};
}}"""


@dataclass(frozen=True)
class Change:
    """One filter change on a page: which widget is pressed, and how."""

    widget: str  # the widget's label, as shown
    kind: str  # "radio": choose the next of `values`; "tags": remove the first chosen tag
    values: tuple[str, ...] = ()


def in_turn(items: list[T], round_number: int) -> list[T]:
    """`items` in order in even rounds, reversed in odd ones: whichever goes second may find the
    machine busy with the first's leftovers (garbage collection, a closed connection), so no one
    is always second."""
    return items if round_number % 2 == 0 else items[::-1]


def instrumented_page(browser, width: int = 1400) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.add_init_script(INSTRUMENT)
    return page


def navigate(page: Page, url: str) -> tuple[float, float]:
    """Seconds from the navigation's start to the first chart drawn, and to the page settled."""
    page.bring_to_front()  # a page behind another draws late: Chromium throttles hidden pages
    page.goto(url)
    page.wait_for_function("() => window.__bench && window.__bench.chartAt !== null", timeout=120_000)
    page.wait_for_function(SETTLED_AND_QUIET, timeout=120_000, polling=50)
    chart_at, settled_at = page.evaluate("[window.__bench.chartAt, window.__bench.lastChange]")
    return chart_at / 1000, settled_at / 1000


def timed_change(page: Page, url: str, change: Change, step: int) -> tuple[float, float]:
    """Seconds from pressing the widget to the last change inside a chart (the redrawn chart), and
    to the page settled; first resets the page if it must. A change that redraws no chart is an
    error: every change the benchmarks time redraws one."""
    page.bring_to_front()
    widget = page.locator('[data-testid="stRadio"], [data-testid="stMultiSelect"]').filter(has_text=change.widget)
    if change.kind == "tags" and widget.locator("[data-tag]").count() < 2:
        navigate(page, url)  # back to every option chosen; not timed
    page.evaluate("() => { window.__bench.inputAt = null; }")
    if change.kind == "tags":
        widget.locator("[data-tag] button").first.click()
    else:  # the next value from `step` on that is not already chosen: choosing it again reruns nothing
        values = change.values[step % len(change.values) :] + change.values[: step % len(change.values)]
        options = (
            widget.get_by_test_id("stRadioOption").filter(has_text=re.compile(f"^{re.escape(v)}$")) for v in values
        )
        next(option for option in options if option.get_attribute("data-selected") != "true").click()
    page.wait_for_function(SETTLED_AND_QUIET, timeout=30_000, polling=50)
    input_at, chart_at, changed_at = page.evaluate(
        "[window.__bench.inputAt, window.__bench.lastChartChange, window.__bench.lastChange]"
    )
    if chart_at < input_at:
        raise RuntimeError(f"{change.widget!r} on {url} redrew no chart")
    return (chart_at - input_at) / 1000, (changed_at - input_at) / 1000
