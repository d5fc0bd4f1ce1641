"""Benchmark: the dashboard against Streamlit's own floor, and its cost as the data grows.

Usage: python -m benchmarks.dashboard [--sizes 10000,100000,1000000] [--repeats 7] [--skip-browser]
Prints tables; every timing is a median over repeats and, where it says so, a ratio to the floor
app (benchmarks/floor_app.py: one multiselect, one small Plotly bar) measured in the same run with
the same harness. Synthetic data comes from scripts/generate_data.py (seeded).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.browser_timing import SETTLED, Change, in_turn, instrumented_page, navigate, timed_change
from scripts.browser import launch_chromium, rss_mib, running_dashboard
from scripts.generate_data import generate

REPO = Path(__file__).resolve().parents[1]


# --- server side: AppTest reruns -------------------------------------------------------------


def _rerun_times(script: str, page: str | None, change: Callable, repeats: int, first_visit: bool) -> list[float]:
    """Seconds per rerun after a filter change. With `first_visit`, the results shared per filter
    state are forgotten before each change, so every change is to a state no session has seen;
    without, the changes cycle through states seen before (a filter toggled back, a shared link)."""
    from streamlit.testing.v1 import AppTest

    from components.data import forget_filter_states

    _compile_scripts_once()
    at = AppTest.from_file(str(REPO / script), default_timeout=600)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    times = []
    for step in range(repeats + 1):
        change(at, step)
        if first_visit:
            forget_filter_states()
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].message}")
    return times[1:]  # the first change warms widget state


def _compile_scripts_once() -> None:
    """Reuse compiled scripts across AppTest runs, as a server does.

    NOTE: AppTest gives every run a new ScriptCache, so it parses, rewrites (magic) and compiles each
    script again on every rerun: 20-25% of a page's rerun here, for a cost a server pays once per
    script. It would also favour the floor, whose script is a few lines. One shared cache for the
    worker process makes a rerun cost what it costs on a server.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    if not isinstance(app_test.ScriptCache, type):
        return  # already shared in this process
    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared  # type: ignore[assignment]


def _toggle_multiselect(key: str, subset: list[str]) -> Callable:
    def change(at, step):
        widget = at.multiselect(key=key)
        widget.set_value(subset if step % 2 == 0 else widget.options)

    return change


def _alternate_text(key: str, words: list[str]) -> Callable:
    return lambda at, step: at.text_input(key=key).input(words[step % len(words)])


def _alternate_radio(key: str, values: list[str]) -> Callable:
    return lambda at, step: at.radio(key=key).set_value(values[step % len(values)])


PAGES = {
    "floor": ("benchmarks/floor_app.py", None, _toggle_multiselect("floor_countries", ["KAZ", "UZB"])),
    "overview": ("dashboard/app.py", None, lambda at, step: None),
    "aid": ("dashboard/app.py", "app_pages/aid.py", _alternate_radio("aid_by", ["kind", "status", "recipient"])),
    "timeline": (
        "dashboard/app.py",
        "app_pages/timeline.py",
        _alternate_text("timeline_text", ["roadmap", "attack", ""]),
    ),
    "compare": ("dashboard/app.py", "app_pages/compare.py", _alternate_radio("compare_sort", ["name", "value"])),
}


def _worker(kind: str, data_dir: Path | None, repeats: int) -> dict:
    """Run one measurement in a fresh process, so caches and memory start clean; read its JSON."""
    command = [sys.executable, "-m", "benchmarks.dashboard", "--worker", kind, "--repeats", str(repeats)]
    env = {**os.environ, **({"DASHBOARD_DATA_DIR": str(data_dir)} if data_dir else {})}
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=REPO)
    if result.returncode:
        raise RuntimeError(result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def server_side(data_dir: Path | None, repeats: int) -> dict[str, dict[str, float]]:
    """Median rerun seconds per page, for a first visit of a filter state and for a revisit."""
    return _worker("rerun", data_dir, repeats)


def _rerun_worker(repeats: int) -> dict[str, dict[str, float]]:
    return {
        visit: {name: statistics.median(_rerun_times(s, p, c, repeats, visit == "first")) for name, (s, p, c) in
                PAGES.items()}
        for visit in ("first", "again")
    }  # fmt: skip


# --- load + validate, memory -----------------------------------------------------------------


def load_cost(data_dir: Path | None) -> dict[str, float]:
    """Seconds to load and validate, peak RSS above the interpreter's, and the tables' own size."""
    return _worker("load", data_dir, 1)


def _peak_rss_mib() -> float:
    # NOTE: VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child of a big parent
    # would report the parent's peak.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _load_worker() -> dict[str, float]:
    from core.facts import data_dir_from_env, load_facts

    base = _peak_rss_mib()
    start = time.perf_counter()
    facts = load_facts(data_dir_from_env())
    seconds = time.perf_counter() - start
    peak = _peak_rss_mib()
    size = sum(table.memory_usage(deep=True).sum() for table in facts.tables.values()) / 2**20
    return {"seconds": seconds, "peak_mib": peak - base, "tables_mib": size, **_views_built(facts)}


def _views_built(facts) -> dict[str, float]:
    """Seconds to build each page's filter-independent views (components.data.derived): once per
    data version, paid by the first visitor of the page after a load."""
    from core import aid, overview, timeline
    from core.compare import data as compare_data
    from core.money import money_view

    pages = {
        "overview": [overview.central_asia_money, overview.stated_counts, overview.principle_lists],
        "aid": [aid.params.aid_options, money_view],
        "timeline": [timeline.params.timeline_options, timeline.data.event_view, timeline.data.event_ids],
        "compare": [compare_data.compare_data],
    }
    built = {}
    for page, builders in pages.items():
        start = time.perf_counter()
        for build in builders:
            build(facts)
        built[f"views_{page}"] = time.perf_counter() - start
    return built


# --- browser ---------------------------------------------------------------------------------


FLOOR = ("/", Change("Countries", "tags"))
BROWSER_PAGES = {
    "overview": ("/", None),
    "aid": ("/aid", Change("Bars by", "radio", ("Kind of flow", "Status", "Recipient"))),
    "timeline": ("/timeline", Change("Category", "tags")),
    "compare": ("/compare", Change("Sort", "radio", ("By name", "By value"))),
}


def browser_side(repeats: int) -> dict[str, dict[str, list[float]]]:
    """Per page and per measure, seconds for the page and for the floor measured beside it.

    Both servers run at once and one browser drives them in turn, round after round, so each
    page's ratio compares two things measured under the same load of a shared machine.
    """
    results: dict[str, dict[str, list[float]]] = {}
    with (
        launch_chromium() as browser,
        running_dashboard(script="benchmarks/floor_server.py") as floor_url,
        running_dashboard(script="dashboard/server.py") as url,
    ):
        for name, (path, change) in BROWSER_PAGES.items():
            tabs = {"floor": instrumented_page(browser), "page": instrumented_page(browser)}
            targets = {"floor": (floor_url + FLOOR[0], FLOOR[1]), "page": (url + path, change)}
            times = results[name] = {}
            for attempt in range(repeats + 1):
                for who in in_turn(["floor", "page"], attempt):
                    chart, settled = navigate(tabs[who], targets[who][0])
                    if attempt:  # the first visit warms the server's caches for this page
                        times.setdefault(f"{who} chart", []).append(chart)
                        times.setdefault(f"{who} settled", []).append(settled)
            for step in range(repeats if change else 0):
                for who in in_turn(["floor", "page"], step):
                    redrawn, settled = timed_change(tabs[who], *targets[who], step)
                    times.setdefault(f"{who} redrawn", []).append(redrawn)
                    times.setdefault(f"{who} change settled", []).append(settled)
            for tab in tabs.values():
                tab.close()
    return results


def browser_table(repeats: int) -> None:
    print("\nIn Chromium (bundled data, warm server), seconds, medians; each page beside the floor app")
    print("measured in turn with it; timed in the page: navigation to the first chart drawn and to the")
    print("page settled, a filter change from the press to the chart redrawn and to the page settled")
    print(f"{'':>10} {'navigation':^35} {'filter change':^35}")
    print(f"{'page':>10} {'chart':>8} {'x floor':>8} {'settled':>8} {'x floor':>8}", end="")
    print(f" {'redrawn':>8} {'x floor':>8} {'settled':>8} {'x floor':>8}")
    measures = ("chart", "settled", "redrawn", "change settled")
    floors: dict[str, list[float]] = {}
    for name, times in browser_side(repeats).items():
        cells = []
        for measure in measures:
            if f"page {measure}" not in times:
                cells.append(f"{'-':>8} {'':>8}")
                continue
            page, floor = (statistics.median(times[f"{who} {measure}"]) for who in ("page", "floor"))
            floors.setdefault(measure, []).append(floor)
            cells.append(f"{page:>8.2f} {page / floor:>8.2f}")
        print(f"{name:>10} " + " ".join(cells))
    # The floor's own medians beside each page, as their range: the ratios above divide by them.
    ranges = [f"{min(floors[m]):.2f}" + (f"-{max(floors[m]):.2f}" if max(floors[m]) > min(floors[m]) else "")
              for m in measures]  # fmt: skip
    print(f"{'floor':>10} " + " ".join(f"{text:>8}".ljust(17) for text in ranges))


# --- sessions --------------------------------------------------------------------------------


def session_memory(data_dir: Path, sessions: int = 20) -> tuple[float, float]:
    """Server RSS (MiB) with 1 and with `sessions` open sessions on the aid page."""
    with running_dashboard(env={"DASHBOARD_DATA_DIR": str(data_dir)}) as url, launch_chromium() as browser:
        pages = []
        for number in range(sessions):
            page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
            page.goto(url + "/aid")
            page.wait_for_selector(SETTLED, timeout=600_000)
            page.wait_for_selector(".main-svg", timeout=600_000)
            pages.append(page)
            if number == 0:
                time.sleep(2)
                one = rss_mib(url.pid)
        time.sleep(2)
        many = rss_mib(url.pid)
        for page in pages:
            page.context.close()
    return one, many


# --- report ----------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--browser-only", action="store_true", help="only the Chromium table (bundled data)")
    parser.add_argument("--worker", choices=["rerun", "load"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(_rerun_worker(args.repeats) if args.worker == "rerun" else _load_worker()))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"Machine: {os.cpu_count()} cores; medians of {args.repeats} runs; ratios to the floor app in the same run")
    if args.browser_only:
        browser_table(args.repeats)
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        dirs: dict[str, Path | None] = {"bundled": None}
        for size in sizes:
            dirs[f"{size:,}"] = Path(tmp) / str(size)
            generate(dirs[f"{size:,}"], size)

        print("\nFilter change rerun (AppTest), seconds and x floor; 'first' = a filter state no session")
        print("has seen, 'again' = a state seen before (results shared per filter state)")
        header = f"{'data':>11} {'visit':>6} {'floor s':>8}" + "".join(f"{p:>17}" for p in PAGES if p != "floor")
        print(header)
        for label, data_dir in dirs.items():
            for visit, times in server_side(data_dir, args.repeats).items():
                floor = times["floor"]
                cells = "".join(f"{times[p]:>9.3f} {times[p] / floor:>5.1f}x " for p in PAGES if p != "floor")
                print(f"{label:>11} {visit:>6} {floor:>8.3f}{cells}")

        print("\nLoad + validate (once per server, shared by all sessions); then each page's views built")
        print("once per data version (what the page's first visitor after a load waits for), seconds")
        views = ["overview", "aid", "timeline", "compare"]
        print(f"{'money rows':>11} {'seconds':>8} {'peak RSS MiB':>13} {'tables MiB':>11} {'peak/tables':>12}"
              + "".join(f"{page:>10}" for page in views))  # fmt: skip
        for label, data_dir in dirs.items():
            cost = load_cost(data_dir)
            ratio = cost["peak_mib"] / cost["tables_mib"] if cost["tables_mib"] else float("nan")
            sizes_text = f"{cost['peak_mib']:>13.0f} {cost['tables_mib']:>11.1f} {ratio:>12.1f}"
            built = "".join(f"{cost['views_' + page]:>10.2f}" for page in views)
            print(f"{label:>11} {cost['seconds']:>8.2f} {sizes_text}{built}")

        if not args.skip_browser:
            browser_table(args.repeats)
            biggest = list(dirs)[-1]
            if dirs[biggest] is not None:
                one, many = session_memory(dirs[biggest])
                print(f"\nServer RSS at {biggest} rows: 1 session {one:.0f} MiB, 20 sessions {many:.0f} MiB "
                      f"({many / one - 1:+.1%})")  # fmt: skip

    print("\nSafe CSV export")
    sys.stdout.flush()
    subprocess.run([sys.executable, "-m", "benchmarks.export"], cwd=REPO, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
