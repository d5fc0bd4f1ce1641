"""Benchmark: requests per second for a filtered CSV from the API, against a plain Starlette route
returning the same bytes, in one run; and the server's memory while it streams a big view.

Usage: python -m benchmarks.api [--clients 4] [--seconds 3] [--rounds 5]
       python -m benchmarks.api --rows 1000000

Starts the dashboard's server (`dashboard/server.py`, as the README does) and the floor
(benchmarks/plain_route.py under uvicorn, serving the bytes the API gave) on loopback ports, then
for each round, in alternating order, keeps `--clients` keep-alive connections busy for `--seconds`
on each; a third measurement asks for a view never asked before each time (built, not reused).
Prints every round, the medians and the ratio. With `--rows N` it serves a generated data directory
of N money rows (scripts/generate_data.py) instead and measures one thing: the server's resident
memory while it streams the view of every row, against the file's size.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import itertools
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from scripts.browser import REPO_ROOT, running_dashboard
from scripts.generate_data import generate
from scripts.serve import free_port

VIEW = "/api/v1/aid.csv?recipient=KAZ&recipient=UZB&years=2000-2020"  # the example, filtered
# The same page with a year range no request has asked for before: its body is built, not reused.
NEW_VIEW = "/api/v1/aid.csv?recipient=KAZ&recipient=UZB&years={first}-{last}"
EVERY_ROW = "/api/v1/aid.csv?currency=USD&kind=aid&kind=contribution&kind=investment&kind=loan&kind=grant"


@contextlib.contextmanager
def plain_route(body: bytes, tmp: Path) -> Iterator[str]:
    """The floor: uvicorn serving `body` from one Starlette route; yields its address."""
    (tmp / "body.csv").write_bytes(body)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "benchmarks.plain_route:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"],
        cwd=REPO_ROOT, env={**os.environ, "BENCHMARK_BODY_FILE": str(tmp / "body.csv"), "PYTHONPATH": str(REPO_ROOT)},
        start_new_session=True,
    )  # fmt: skip
    try:
        address = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(address + "/plain.csv", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        yield address + "/plain.csv"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def requests_per_second(url: str | Iterator[str], expected: bytes | None, clients: int, seconds: float) -> float:
    """Completed requests per second over `clients` keep-alive connections to one server: `url`
    each time, or the next of its addresses. Every answer must be 200, and `expected` if given."""
    urls = itertools.repeat(url) if isinstance(url, str) else url
    first = next(urls)
    urls = itertools.chain([first], urls)
    host = first.removeprefix("http://").partition("/")[0]
    hostname, port = host.split(":")
    counts = [0] * clients
    failures: list[str] = []
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def client(slot: int) -> None:
        connection = http.client.HTTPConnection(hostname, int(port), timeout=30)
        try:
            while time.monotonic() < deadline:
                with lock:
                    target = "/" + next(urls).removeprefix("http://").partition("/")[2]
                connection.request("GET", target)
                reply = connection.getresponse()
                body = reply.read()
                if reply.status != 200 or (expected is not None and body != expected):
                    failures.append(f"{reply.status}, {len(body)} bytes")
                    return
                counts[slot] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(slot,)) for slot in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{url}: {failures[0]}")
    return sum(counts) / (time.monotonic() - started)


def resident_memory(pid: int) -> int:
    """The process's resident memory now (VmRSS), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def streamed(url: str, pid: int) -> tuple[int, float, int, int]:
    """Download `url` while sampling the server's resident memory every 20 ms: the bytes, the
    seconds, the memory before and the most it reached during the download."""
    before = resident_memory(pid)
    most = [before]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.02):
            most[0] = max(most[0], resident_memory(pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.monotonic()
    try:
        size = 0
        with urllib.request.urlopen(url, timeout=1200) as reply:
            while piece := reply.read(1 << 20):
                size += len(piece)
    finally:
        done.set()
        sampler.join()
    return size, time.monotonic() - started, before, most[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.api", description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=4, choices=range(1, 33))
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=5, choices=range(1, 21))
    parser.add_argument("--rows", type=int, default=0, help="only stream every row of a generated data directory")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-api-") as name:
        tmp = Path(name)
        if args.rows:
            return stream_every_row(args.rows, tmp)
        with running_dashboard() as base:
            body = urllib.request.urlopen(base + VIEW, timeout=600).read()  # loads and checks the data
            index = json.loads(urllib.request.urlopen(base + "/api/v1/", timeout=60).read())
            aid = next(page for page in index["pages"] if page["page"] == "aid")
            low, high = next(p["bounds"] for p in aid["parameters"] if p["key"] == "years")
            spans = ((first, last) for first in range(low, high + 1) for last in range(high, first - 1, -1))
            new_views = (base + NEW_VIEW.format(first=a, last=b) for a, b in spans if (a, b) != (2000, 2020))
            with plain_route(body, tmp) as floor:
                targets: dict[str, tuple[str | Iterator[str], bytes | None]] = {
                    "api": (base + VIEW, body),
                    "plain": (floor, body),
                    "new": (new_views, None),
                }
                results: dict[str, list[float]] = {name: [] for name in targets}
                for round_ in range(args.rounds):
                    order = list(targets) if round_ % 2 == 0 else list(reversed(targets))
                    for target in order:
                        url, expected = targets[target]
                        results[target].append(requests_per_second(url, expected, args.clients, args.seconds))
    print(f"view: {VIEW} ({len(body):,} bytes), the bundled data")
    print(f"{args.clients} keep-alive clients, {args.seconds:g} s per measurement, {args.rounds} rounds, "
          "alternating order\n")  # fmt: skip
    print("| round | API, same view (req/s) | plain route (req/s) | API / plain | API, a new view each time (req/s) |")
    print("|---:|---:|---:|---:|---:|")
    rows = zip(results["api"], results["plain"], results["new"], strict=True)
    for round_, (api, plain, new) in enumerate(rows, start=1):
        print(f"| {round_} | {api:.0f} | {plain:.0f} | {api / plain:.2f} | {new:.0f} |")
    api, plain, new = (statistics.median(results[name]) for name in ("api", "plain", "new"))
    print(f"| median | {api:.0f} | {plain:.0f} | {api / plain:.2f} | {new:.0f} |")
    return 0


def stream_every_row(rows: int, tmp: Path) -> int:
    """The server's memory while it streams a view of every generated row, against the file's size."""
    print(f"generating {rows:,} rows...", file=sys.stderr, flush=True)
    generate(tmp / "data", rows)
    with running_dashboard(env={"DASHBOARD_DATA_DIR": str(tmp / "data")}) as base:
        started = time.monotonic()
        urllib.request.urlopen(base + VIEW, timeout=1200).read()  # loads and checks the data: not measured
        print(f"data loaded and first view answered in {time.monotonic() - started:.0f} s", file=sys.stderr)
        size, seconds, before, most = streamed(base + EVERY_ROW, base.pid)
    print(f"{rows:,} generated money rows; {EVERY_ROW}\n")
    print("| CSV streamed | seconds | server memory before | most during | growth | growth / file |")
    print("|---:|---:|---:|---:|---:|---:|")
    print(f"| {size / 1e6:.0f} MB | {seconds:.1f} | {before / 1e6:.0f} MB | {most / 1e6:.0f} MB | "
          f"{(most - before) / 1e6:.0f} MB | {(most - before) / size:.2f} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
