"""Benchmark: this checkout against an earlier revision, in Chromium, interleaved.

Usage: python -m benchmarks.revisions BASE_REV [--rounds 9]

Both revisions serve the bundled data of their own tree at once; one browser navigates each page
on one server, then on the other, round after round, and changes the same filter on each in turn.
Interleaving (in alternating order) puts both under the same machine load at almost the same moment: on a shared 2-core
machine two separate runs differ more (the floor app's navigation moved 0.6-1.3 s between runs)
than the change being measured. Prints medians and head/base ratios. BASE_REV is checked out into
a temporary git worktree, removed afterwards.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from benchmarks.browser_timing import in_turn, instrumented_page, navigate, timed_change
from benchmarks.dashboard import BROWSER_PAGES
from scripts.browser import ServerURL, launch_chromium, running_dashboard

REPO = Path(__file__).resolve().parents[1]


@contextmanager
def worktree(revision: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as parent:
        path = Path(parent) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", str(path), revision], cwd=REPO, check=True,
                       capture_output=True)  # fmt: skip
        try:
            yield path
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=REPO, check=False)


def serving(repo: Path) -> AbstractContextManager[ServerURL]:
    """`streamlit run` of `repo`'s app, importing `repo`'s own code: PYTHONPATH comes before the
    editable install of this checkout, and the app reads the data beside its own code and the
    Streamlit settings of its own tree (.streamlit/config.toml, read from the working directory)."""
    return running_dashboard(env={"PYTHONPATH": str(repo)}, script=str(repo / "dashboard" / "app.py"), cwd=repo)


def measure(urls: dict[str, ServerURL], rounds: int) -> dict[tuple[str, str, str], list[float]]:
    """Seconds per (page, 'navigation' or 'change', revision); the first navigation warms each server."""
    times: dict[tuple[str, str, str], list[float]] = {}
    with launch_chromium() as browser:
        tabs = {name: instrumented_page(browser) for name in urls}
        for page_name, (path, page_change) in BROWSER_PAGES.items():
            for attempt in range(rounds + 1):
                for name, url in in_turn(list(urls.items()), attempt):
                    chart, _settled = navigate(tabs[name], url + path)
                    if attempt:
                        times.setdefault((page_name, "navigation", name), []).append(chart)
            if page_change is None:
                continue
            for step in range(rounds):
                for name, url in in_turn(list(urls.items()), step):
                    _chart, settled = timed_change(tabs[name], url + path, page_change, step)
                    times.setdefault((page_name, "change", name), []).append(settled)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    with worktree(args.base) as base, serving(base) as base_url, serving(REPO) as head_url:
        times = measure({"base": base_url, "head": head_url}, args.rounds)
    print(f"Chromium, bundled data, interleaved, medians of {args.rounds}; base = {args.base}, head = this checkout")
    print(f"{'page':>10} {'measure':>11} {'base s':>8} {'head s':>8} {'head/base':>10}")
    for page_name in BROWSER_PAGES:
        for what in ("navigation", "change"):
            if (page_name, what, "base") in times:
                base_s = statistics.median(times[(page_name, what, "base")])
                head_s = statistics.median(times[(page_name, what, "head")])
                print(f"{page_name:>10} {what:>11} {base_s:8.2f} {head_s:8.2f} {head_s / base_s:10.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
