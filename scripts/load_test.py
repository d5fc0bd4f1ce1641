"""Load test: 20 concurrent browser sessions, 20 filter changes each, against 127.0.0.1 only.

Usage: python -m scripts.load_test [SESSIONS] [CHANGES]
Each session is a separate Chromium context (its own Streamlit session) that changes filters in
the page, alternating between the aid and timeline pages through the sidebar. After every change
it checks that its own choice is what the page and the URL show (no state leaks between
sessions). Prints p50/p95 latency of a change, errors, and the server's RSS before and after.
Bounded: every wait has a timeout and the whole run stops after MAX_SECONDS.

This is a correctness test under load. Its latencies measure the browsers as much as the server:
the Chromium tabs run on the same cores and take most of the CPU (the output shows the share).
The server's capacity is measured at the protocol level: python -m benchmarks.replicas.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from urllib.parse import parse_qs, urlsplit

from playwright.async_api import Page, async_playwright

from benchmarks.protocol_load import machine_cpu, process_cpu
from scripts.browser import CHROMIUM, CHROMIUM_ARGS, rss_mib, running_dashboard

MAX_SECONDS = 900
STEP_TIMEOUT_MS = 60_000
GROUPINGS = ["recipient", "kind", "status"]
GROUPING_LABELS = {"recipient": "Recipient", "kind": "Kind of flow", "status": "Status"}
WORDS = ["roadmap", "Action Plan", "Kyrgyzstan", "attack", "visit", "security", "dialogue", "Silk"]
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'


async def settled(page: Page) -> None:
    await page.wait_for_selector(SETTLED, timeout=STEP_TIMEOUT_MS)


def url_param(page: Page, key: str) -> list[str]:
    return parse_qs(urlsplit(page.url).query, keep_blank_values=True).get(key, [])


async def wait_param(page: Page, key: str, value: str) -> None:
    await page.wait_for_function(
        "([k, v]) => new URLSearchParams(location.search).getAll(k).includes(v)", arg=[key, value],
        timeout=STEP_TIMEOUT_MS,
    )  # fmt: skip
    await settled(page)


async def change_grouping(page: Page, session: int, step: int) -> str:
    by = GROUPINGS[(session + step) % len(GROUPINGS)]
    if url_param(page, "by") == [by]:
        by = GROUPINGS[(session + step + 1) % len(GROUPINGS)]
    radio = page.locator('[data-testid="stRadio"]').filter(has_text="Bars by")
    await radio.get_by_text(GROUPING_LABELS[by], exact=True).click(timeout=STEP_TIMEOUT_MS)
    await wait_param(page, "by", by)
    return f"by={by}" if await radio.get_by_role("radio", name=GROUPING_LABELS[by]).is_checked() else "leak"


async def search_timeline(page: Page, session: int, step: int) -> str:
    word = WORDS[(session * 3 + step) % len(WORDS)]
    box = page.get_by_label("Search titles and descriptions")
    await box.fill(word, timeout=STEP_TIMEOUT_MS)  # the box may still be a skeleton while its code loads
    await box.press("Enter", timeout=STEP_TIMEOUT_MS)
    await wait_param(page, "q", word)
    return f"q={word}" if await box.input_value() == word else "leak"


async def go_to(page: Page, title: str, path: str) -> None:
    await page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click(timeout=STEP_TIMEOUT_MS)
    await page.wait_for_function("p => location.pathname === p", arg=path, timeout=STEP_TIMEOUT_MS)
    await settled(page)


async def session_run(browser, base_url: str, session: int, changes: int, latencies: list, errors: list) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    try:
        try:
            await page.goto(base_url + "/aid", timeout=STEP_TIMEOUT_MS)
            await settled(page)
        except Exception as err:  # a session that cannot open is an error of the run, not its end
            errors.append(f"session {session} opening /aid: {type(err).__name__}: {str(err)[:120]}")
            return
        for step in range(changes):
            start = time.perf_counter()
            try:
                if step % 4 in (0, 1):
                    result = await change_grouping(page, session, step)
                elif step % 4 == 2:
                    await go_to(page, "Dialogue timeline", "/timeline")
                    result = await search_timeline(page, session, step)
                else:
                    await go_to(page, "Aid and investment", "/aid")
                    result = "nav"
                latencies.append(time.perf_counter() - start)
                if result == "leak":
                    errors.append(f"session {session} step {step}: the page shows another session's value")
                if await page.locator('[data-testid="stException"]').count():
                    errors.append(f"session {session} step {step}: exception on the page")
            except Exception as err:  # every failure is counted; the run goes on
                errors.append(f"session {session} step {step}: {type(err).__name__}: {str(err)[:120]}")
    finally:
        await context.close()


async def run(base_url: str, sessions: int, changes: int) -> tuple[list[float], list[str]]:
    latencies: list[float] = []
    errors: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await asyncio.wait_for(
                asyncio.gather(
                    *(session_run(browser, base_url, s, changes, latencies, errors) for s in range(sessions))
                ),
                timeout=MAX_SECONDS,
            )
        finally:
            await browser.close()
    return latencies, errors


async def warm_up(base_url: str) -> None:
    await run(base_url, 1, 4)


def main(sessions: int = 20, changes: int = 20) -> int:
    with running_dashboard() as base_url:
        asyncio.run(warm_up(base_url))
        time.sleep(2)
        before = rss_mib(base_url.pid)
        cpu_before = process_cpu(base_url.pid), machine_cpu()
        started = time.perf_counter()
        latencies, errors = asyncio.run(run(base_url, sessions, changes))
        elapsed = time.perf_counter() - started
        server_cpu, busy_cpu = process_cpu(base_url.pid) - cpu_before[0], machine_cpu() - cpu_before[1]
        time.sleep(5)  # let closed sessions be cleaned up
        after = rss_mib(base_url.pid)
    quantiles = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else [float("nan")] * 19
    print(f"Load test: {sessions} sessions x {changes} changes on 127.0.0.1, {os.cpu_count()} cores, {elapsed:.0f} s")
    print(f"{'measure':<34}{'value':>12}")
    print(f"{'changes completed':<34}{len(latencies):>12}")
    print(f"{'errors':<34}{len(errors):>12}")
    print(f"{'latency p50 (s)':<34}{statistics.median(latencies):>12.2f}")
    print(f"{'latency p95 (s)':<34}{quantiles[18]:>12.2f}")
    print(f"{'server RSS before (MiB)':<34}{before:>12.0f}")
    print(f"{'server RSS after (MiB)':<34}{after:>12.0f}")
    print(f"{'RSS growth':<34}{(after / before - 1):>12.1%}")
    print(f"{'server CPU s / machine busy CPU s':<34}{f'{server_cpu:.0f} / {busy_cpu:.0f}':>12}")
    others = 1 - server_cpu / busy_cpu if busy_cpu else float("nan")
    print(f"NOTE: the browsers ran on the same {os.cpu_count()} cores; all but the server (the browsers and anything "
          f"else running here) used {others:.0%} of the busy CPU. These latencies measure the browsers on this "
          "machine, not the server's capacity; for that: python -m benchmarks.replicas")  # fmt: skip
    for error in errors[:20]:
        print("  " + error)
    return 1 if errors or after > before * 1.10 else 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
