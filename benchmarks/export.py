"""Benchmark: the safe CSV export of a 100k-row view against plain DataFrame.to_csv.

Usage: python -m benchmarks.export [ROWS] [REPEATS]. Prints a table of medians and the ratio;
the baseline (plain to_csv of the same frame) is measured in the same run, interleaved.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

import numpy as np
import pandas as pd

from core import aid
from core.export import safe_csv
from core.facts import DEFAULT_DATA_DIR, load_facts
from core.money import money_view


def view_of(rows: int) -> pd.DataFrame:
    """The aid page's CSV frame, the bundled rows repeated to `rows`, some text made formula-like."""
    facts = load_facts(DEFAULT_DATA_DIR)
    table = aid.table.table(money_view(facts), sources=facts.sources)
    frame = table.iloc[np.arange(rows) % len(table)].reset_index(drop=True)
    frame["description"] = frame["description"].astype("string")
    frame.loc[::97, "description"] = "=HYPERLINK(x)"
    return frame


def median_seconds(task, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(rows: int = 100_000, repeats: int = 7) -> None:
    frame = view_of(rows)
    plain = lambda: frame.to_csv(index=False).encode("utf-8")  # noqa: E731
    safe = lambda: safe_csv(frame)  # noqa: E731
    results = {"plain to_csv (baseline)": [], "safe_csv": []}
    for _ in range(repeats):  # interleaved, so machine noise hits both alike
        results["plain to_csv (baseline)"].append(median_seconds(plain, 1))
        results["safe_csv"].append(median_seconds(safe, 1))
    base = statistics.median(results["plain to_csv (baseline)"])
    print(f"CSV export of {rows:,} rows, median of {repeats} runs, {os.cpu_count()} cores")
    print(f"{'measure':<26}{'median s':>10}{'ratio':>8}")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"{name:<26}{median:>10.3f}{median / base:>8.2f}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
