"""Benchmark: how plain must /aid be to meet #26's targets? The floor, /aid built up in rungs
(benchmarks/ladder_app.py) and the real /aid, all served at once, measured in Chromium in turn.

Usage: python -m benchmarks.ladder [--rounds 9] [--rungs shell widgets ...] [--without shell:scripts,styles ...]

--rungs serves only the named rungs (and the floor; "page" is the real /aid). --without adds a rung
served without parts of the app's frame (benchmarks/ladder_app.py's FRAME_PARTS), after that rung.

Each round navigates every server's /aid (the floor's /) in turn, then changes a filter on each:
the floor and the "shell" rung remove a chip, the others change "Bars by", as
benchmarks/dashboard.py's browser table does. Prints medians and each one's ratio to the floor's
in the same run, and to the rung before it.
"""

from __future__ import annotations

import argparse
import statistics
from contextlib import ExitStack

from benchmarks.browser_timing import in_turn, instrumented_page, navigate, timed_change
from benchmarks.dashboard import BROWSER_PAGES, FLOOR
from benchmarks.ladder_app import FRAME_PARTS, RUNGS
from scripts.browser import launch_chromium, running_dashboard

AID_PATH, AID_CHANGE = BROWSER_PAGES["aid"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--rungs", nargs="+", choices=[*RUNGS, "page"], default=[*RUNGS, "page"])
    parser.add_argument("--without", nargs="*", default=[], metavar="RUNG:PART,PART",
                        help=f"a rung served without some of {', '.join(FRAME_PARTS)}")  # fmt: skip
    args = parser.parse_args()
    # name -> (rung, parts left out); a variant follows its rung
    served: dict[str, tuple[str, str]] = {}
    for rung in args.rungs:
        served[rung] = (rung, "")
        for variant in args.without:
            base, _colon, parts = variant.partition(":")
            if base == rung:
                served[f"{rung}-{parts.replace(',', '-')}"] = (rung, parts)
    targets = {"floor": FLOOR} | {
        name: (AID_PATH, FLOOR[1] if rung == "shell" else AID_CHANGE) for name, (rung, _parts) in served.items()
    }
    times: dict[tuple[str, str], list[float]] = {}
    with ExitStack() as stack:
        urls = {"floor": stack.enter_context(running_dashboard(script="benchmarks/floor_server.py"))}
        for name, (rung, parts) in served.items():
            urls[name] = stack.enter_context(
                running_dashboard(script="dashboard/server.py")
                if rung == "page"
                else running_dashboard(
                    script="benchmarks/ladder_server.py", env={"LADDER_RUNG": rung, "LADDER_WITHOUT": parts}
                )
            )
        browser = stack.enter_context(launch_chromium())
        tabs = {name: instrumented_page(browser) for name in urls}
        for attempt in range(args.rounds + 1):
            for name in in_turn(list(urls), attempt):
                chart, _settled = navigate(tabs[name], urls[name] + targets[name][0])
                if attempt:  # the first visit warms each server
                    times.setdefault((name, "navigation"), []).append(chart)
        for step in range(args.rounds):
            for name in in_turn(list(urls), step):
                _chart, settled = timed_change(tabs[name], urls[name] + targets[name][0], targets[name][1], step)
                times.setdefault((name, "change"), []).append(settled)
    print(f"Chromium, bundled data, every server at once, in turn; medians of {args.rounds}")
    print(f"{'/aid as':>22} {'navigation s':>13} {'x floor':>8} {'x before':>9}", end="")
    print(f" {'change s':>9} {'x floor':>8} {'x before':>9}")
    before = None
    for name in urls:
        cells = []
        for what in ("navigation", "change"):
            median = statistics.median(times[(name, what)])
            floor = statistics.median(times[("floor", what)])
            step = "" if before is None else f"{median / statistics.median(times[(before, what)]):.2f}"
            cells.append(f"{median:>13.2f} {median / floor:>8.2f} {step:>9}" if what == "navigation"
                         else f"{median:>9.2f} {median / floor:>8.2f} {step:>9}")  # fmt: skip
        print(f"{name:>22} " + " ".join(cells))
        before = name
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
