"""Benchmark: one replica against two behind the same balancer, at the protocol level, in one run.

Usage: python -m benchmarks.replicas [--sessions 8] [--changes 20] [--rounds 2]

For each round, and in it for 1 then 2 replicas (the order alternates between rounds, so a slow
spell on the shared machine does not always hit the same one): start `scripts/serve --replicas N`
on a free loopback port, warm every replica's caches (each process has its own), run the
protocol driver (benchmarks/protocol_load.py), stop. Prints every run and the ratio of the median
reruns/s, 2 replicas to 1. Read the CPU rows before the ratio: "everything else" is work on the
machine that is neither the dashboard nor the driver, and it takes cores from both.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.protocol_load import Result, run_bounded, table
from scripts.serve import running_service

TARGET_RATIO = 1.6  # the bar for 2 replicas on 2 cores


def one(replicas: int, sessions: int, changes: int, log_dir: Path) -> Result:
    with running_service(replicas, log_dir) as state:
        run_bounded(state, 2 * replicas, 3)  # warm-up: every replica sees every grouping once
        return run_bounded(state, sessions, changes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.replicas", description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2, choices=range(1, 6))
    args = parser.parse_args(argv)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="bench-replicas-") as tmp:
        for round_ in range(args.rounds):
            for replicas in (1, 2) if round_ % 2 == 0 else (2, 1):
                print(f"round {round_ + 1}: {replicas} replica(s)...", file=sys.stderr, flush=True)
                results.append(one(replicas, args.sessions, args.changes, Path(tmp) / f"{round_}-{replicas}"))
    print(table(results))

    def median(n: int, measure: Callable[[Result], float]) -> float:
        return statistics.median(measure(r) for r in results if r.replicas == n)

    speed = {n: median(n, lambda r: r.reruns_per_second) for n in (1, 2)}
    ratio = speed[2] / speed[1] if speed[1] else float("nan")
    errors = sum(len(r.errors) for r in results)
    others = {n: median(n, lambda r: r.cpu["other"] / r.available_cpu) for n in (1, 2)}
    print(f"\nmedian reruns/s: 1 replica {speed[1]:.2f}, 2 replicas {speed[2]:.2f}; ratio {ratio:.2f}x "
          f"(target {TARGET_RATIO}x); errors {errors}")  # fmt: skip
    print(f"other work on the machine took a median {others[1]:.0%} (1 replica) and {others[2]:.0%} (2 replicas) "
          "of the available CPU: two replicas need both cores, so they lose more to it than one does")  # fmt: skip
    for result in results:
        for error in result.errors[:10]:
            print(f"  {result.replicas} replica(s): {error}")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
