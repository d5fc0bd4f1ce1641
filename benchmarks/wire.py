"""Benchmark: what each page sends the browser, in bytes over Streamlit's websocket, for opening
it and for one filter change, beside the floor app served the same way (benchmarks/floor_server.py).
Issue #26 asks where a page's time goes before anything is cut: this is the "bytes per rerun" part.

Usage: python -m benchmarks.wire
"""

from __future__ import annotations

import sys

from benchmarks.browser_timing import SETTLED, instrumented_page, timed_change
from benchmarks.dashboard import BROWSER_PAGES, FLOOR
from scripts.browser import launch_chromium, running_dashboard


def measure() -> dict[str, tuple[int, int, int, int]]:
    """Per page: bytes and frames received opening it, then for one filter change."""
    results = {}
    with launch_chromium() as browser:
        for name, (path, page_change) in {"floor": FLOOR, **BROWSER_PAGES}.items():
            script = "benchmarks/floor_server.py" if name == "floor" else "dashboard/server.py"
            with running_dashboard(script=script) as url:
                page = instrumented_page(browser)
                frames: list[int] = []

                def counted(socket, frames=frames) -> None:
                    socket.on("framereceived", lambda payload: frames.append(len(payload)))

                page.on("websocket", counted)
                page.goto(url + path)
                page.wait_for_selector(SETTLED, timeout=120_000)
                page.wait_for_timeout(1000)
                opened = (sum(frames), len(frames))
                frames.clear()
                if page_change:
                    timed_change(page, url + path, page_change, 0)
                results[name] = (*opened, sum(frames), len(frames))
                page.close()
    return results


def main() -> int:
    results = measure()
    floor = results["floor"]
    print("| page | opening: bytes | x floor | frames | filter change: bytes | x floor | frames |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, (opened, opened_frames, changed, changed_frames) in results.items():
        change = (
            "(no filters) | | " if name == "overview" else f"{changed:,} | {changed / floor[2]:.0f}x | {changed_frames}"
        )
        print(f"| {name} | {opened:,} | {opened / floor[0]:.0f}x | {opened_frames} | {change} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
