"""Capacity at the protocol level: S sessions on /aid, C "Bars by" changes each, no browser.

Usage: python -m benchmarks.protocol_load STATE_FILE [--sessions S] [--changes C]
(STATE_FILE is what `scripts/serve --state-file` writes; benchmarks/replicas.py runs both for 1
and 2 replicas.)

Each session does what a tab does on the wire: GET the page through the balancer (keeping its
sticky cookie), open Streamlit's websocket with that cookie, and send BackMsg reruns built with
Streamlit's own protobuf classes; a change is timed from its BackMsg to the ForwardMsg that says
the script finished. A change counts as an error if the script raised, finished otherwise than
successfully, took longer than STEP_SECONDS, or the URL it wrote is not the session's own choice.
All sessions are opened first; the changes then run at once, each session waiting for its
change to finish before the next (as a person does).

The CPU seconds of the replicas, the balancer, this driver and everything else on the machine
(from /proc) are reported beside the throughput, so that a figure polluted by other work on a
shared machine says so. Loopback only; bounded by MAX_SECONDS, sessions and changes.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import dataclasses
import json
import os
import statistics
import sys
import time
import urllib.request
from collections.abc import Coroutine, Iterable, Sequence
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Origin, Subprotocol

MAX_SECONDS = 600
STEP_SECONDS = 60
MAX_SESSIONS = 64
MAX_CHANGES = 200
# The "Bars by" radio of /aid: its labels on the wire, and the value each writes to the URL.
BARS_BY = {"Recipient": "recipient", "Kind of flow": "kind", "Status": "status"}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
T = TypeVar("T")


@dataclasses.dataclass
class Run:
    """What one script run sent back."""

    seconds: float
    status: str  # the script_finished status, or "timeout"
    query: str  # the last query string the run wrote to the URL ("" if none)
    widgets: dict[str, str]  # label -> widget id, for the widgets the run drew
    elements: dict[str, Any]  # label -> the widget's proto as drawn
    exception: bool


class StreamlitSession:
    """One browser tab, on the wire."""

    def __init__(self, base_url: str, page: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.page = page
        self.cookies: dict[str, str] = {}
        self.socket: ClientConnection | None = None

    @property
    def replica(self) -> str | None:
        """The replica the balancer's cookie names."""
        return self.cookies.get("DASHBOARD_REPLICA")

    async def open(self) -> None:
        """Load the page's HTML (the balancer sets its cookie) and open the websocket with it."""
        url = f"{self.base_url}/{self.page}"
        headers = await asyncio.to_thread(_get_headers, url)
        for header in headers:
            self.cookies.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
        host = urlsplit(self.base_url).netloc
        self.socket = await connect(
            f"ws://{host}/_stcore/stream",
            # NOTE: Streamlit refuses a websocket whose Origin is not the Host it was sent to.
            origin=Origin(self.base_url),
            subprotocols=[Subprotocol("streamlit")],
            additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())},
            max_size=None,
            open_timeout=STEP_SECONDS,
        )

    async def run(self, query: str = "", widgets: Iterable[WidgetState] = ()) -> Run:
        """Send a rerun as the browser does (its URL's query and widget values); read until the
        script finishes."""
        assert self.socket is not None, "open() first"
        message = BackMsg()
        state = message.rerun_script
        state.query_string = query
        state.page_name = self.page
        state.context_info.url = f"{self.base_url}/{self.page}"
        state.widget_states.widgets.extend(widgets)
        started = time.perf_counter()
        await self.socket.send(message.SerializeToString())
        run = Run(0.0, "timeout", "", {}, {}, False)
        try:
            async with asyncio.timeout(STEP_SECONDS):
                while True:
                    reply = ForwardMsg()
                    reply.ParseFromString(await self.socket.recv())
                    if self._read(reply, run):
                        break
        except TimeoutError:
            pass
        run.seconds = time.perf_counter() - started
        return run

    @staticmethod
    def _read(reply: ForwardMsg, run: Run) -> bool:
        kind = reply.WhichOneof("type")
        if kind == "page_info_changed":
            run.query = reply.page_info_changed.query_string
        elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
            element = reply.delta.new_element
            body = getattr(element, element.WhichOneof("type") or "empty")
            if element.HasField("exception"):
                run.exception = True
            elif getattr(body, "label", "") and getattr(body, "id", ""):
                run.widgets[body.label] = body.id
                run.elements[body.label] = body
        elif kind == "script_finished":
            run.status = ForwardMsg.ScriptFinishedStatus.Name(reply.script_finished)
            return True
        return False

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()


def _get_headers(url: str) -> list[str]:
    with urllib.request.urlopen(url, timeout=STEP_SECONDS) as reply:
        reply.read()
        return reply.headers.get_all("Set-Cookie") or []


def bars_by(run: Run, label: str) -> WidgetState:
    return WidgetState(id=run.widgets["Bars by"], string_value=label)


def url_value(query: str, key: str) -> list[str]:
    return parse_qs(query).get(key, [])


# --- CPU accounting ---------------------------------------------------------------------------


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used, all its threads included; 0 if gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime: fields 14 and 15


def machine_cpu() -> float:
    """CPU seconds every core of the machine spent busy (not idle, not waiting for disk)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    )
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


@dataclasses.dataclass
class CpuMeter:
    """CPU seconds used between start() and stop(), by group."""

    replicas: Sequence[int]
    balancer: int
    before: dict[str, float] = dataclasses.field(default_factory=dict)
    used: dict[str, float] = dataclasses.field(default_factory=dict)

    def _read(self) -> dict[str, float]:
        return {
            "replicas": sum(process_cpu(pid) for pid in self.replicas),
            "balancer": process_cpu(self.balancer),
            "driver": process_cpu(os.getpid()),
            "machine": machine_cpu(),
        }

    def start(self) -> None:
        self.before = self._read()

    def stop(self) -> None:
        after = self._read()
        self.used = {key: after[key] - self.before[key] for key in after}
        ours = self.used["replicas"] + self.used["balancer"] + self.used["driver"]
        self.used["other"] = max(0.0, self.used["machine"] - ours)


# --- the run ----------------------------------------------------------------------------------


@dataclasses.dataclass
class Result:
    replicas: int
    sessions: int
    changes: int
    seconds: float
    latencies: list[float]
    errors: list[str]
    sessions_per_replica: dict[str, int]  # from each replica's /_stcore/metrics
    cookies_per_replica: dict[str, int]  # from the sessions' cookies
    cpu: dict[str, float]

    @property
    def available_cpu(self) -> float:
        """CPU seconds the machine's cores could have given during the changes."""
        return self.seconds * (os.cpu_count() or 1)

    @property
    def reruns_per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def quantile(self, q: float) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[round(q * 100) - 1]


def active_sessions(replica_url: str) -> int:
    with urllib.request.urlopen(replica_url + "/_stcore/metrics?families=active_sessions", timeout=10) as reply:
        text = reply.read().decode()
    return int(next(line.split()[1] for line in text.splitlines() if line.startswith("active_sessions ")))


async def _changes(session: StreamlitSession, first: Run, number: int, changes: int, result: Result) -> None:
    labels = list(BARS_BY)
    query = first.query
    for step in range(changes):
        # Always a real change: a choice equal to the current one writes no new URL.
        others = [label for label in labels if [BARS_BY[label]] != url_value(query, "by")]
        label = others[(number + step) % len(others)]
        try:
            run = await session.run(query, [bars_by(first, label)])
        except Exception as err:  # a dropped connection is an error of the run, not its end
            result.errors.append(f"session {number} change {step}: {type(err).__name__}: {err}")
            return
        where = f"session {number} change {step}"
        if run.exception or run.status != "FINISHED_SUCCESSFULLY":
            result.errors.append(f"{where}: {run.status}{', exception' if run.exception else ''}")
        elif url_value(run.query, "by") != [BARS_BY[label]]:
            result.errors.append(f"{where}: the URL says by={url_value(run.query, 'by')}, not {BARS_BY[label]}")
        else:
            result.latencies.append(run.seconds)
        query = run.query or query


async def measure(state: dict, sessions: int, changes: int) -> Result:
    """Open `sessions` sessions on /aid through the balancer, then time `changes` changes each."""
    replicas = state["replicas"]
    result = Result(len(replicas), sessions, changes, 0.0, [], [], {}, {}, {})
    opened: list[tuple[StreamlitSession, Run]] = []
    try:
        for number in range(sessions):  # one at a time, so least connections spreads them
            session = StreamlitSession(state["url"], "aid")
            await session.open()
            first = await session.run()
            if first.status != "FINISHED_SUCCESSFULLY" or "Bars by" not in first.widgets:
                raise RuntimeError(f"session {number} could not open /aid: {first.status}")
            opened.append((session, first))
        result.sessions_per_replica = {r["name"]: active_sessions(r["url"]) for r in replicas}
        result.cookies_per_replica = {
            r["name"]: sum(s.replica == r["name"] for s, _ in opened) for r in replicas
        }  # fmt: skip
        meter = CpuMeter([r["pid"] for r in replicas], state["balancer"]["pid"])
        meter.start()
        started = time.perf_counter()
        await asyncio.gather(*(_changes(s, first, n, changes, result) for n, (s, first) in enumerate(opened)))
        result.seconds = time.perf_counter() - started
        meter.stop()
        result.cpu = meter.used
    finally:
        await asyncio.gather(*(s.close() for s, _ in opened), return_exceptions=True)
    return result


def run_bounded(state: dict, sessions: int, changes: int) -> Result:
    if not 1 <= sessions <= MAX_SESSIONS or not 1 <= changes <= MAX_CHANGES:
        raise ValueError(f"sessions must be 1-{MAX_SESSIONS} and changes 1-{MAX_CHANGES}, got {sessions}, {changes}")
    if not all(urlsplit(u).hostname in {"127.0.0.1", "localhost", "::1"} for u in _urls(state)):
        raise ValueError("the load driver only targets loopback addresses")
    return in_own_loop(asyncio.wait_for(measure(state, sessions, changes), MAX_SECONDS))


def in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run `coroutine` to its end in a new event loop on its own thread.

    NOTE: not asyncio.run() here: a caller may already run a loop on this thread (Playwright's sync
    API does, for the whole test session), and asyncio.run() refuses to start inside one.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _urls(state: dict) -> list[str]:
    return [state["url"], *(r["url"] for r in state["replicas"])]


def table(results: Sequence[Result]) -> str:
    """The results side by side, one column per run."""
    rows = [
        ("replicas", lambda r: f"{r.replicas}"),
        ("sessions x changes", lambda r: f"{r.sessions} x {r.changes}"),
        ("changes completed", lambda r: f"{len(r.latencies)}"),
        ("errors", lambda r: f"{len(r.errors)}"),
        ("reruns/s", lambda r: f"{r.reruns_per_second:.2f}"),
        ("latency p50 (s)", lambda r: f"{r.quantile(0.5):.2f}"),
        ("latency p95 (s)", lambda r: f"{r.quantile(0.95):.2f}"),
        ("sessions per replica (metrics)", lambda r: " / ".join(map(str, r.sessions_per_replica.values()))),
        ("wall time (s)", lambda r: f"{r.seconds:.1f}"),
        ("CPU s: replicas", lambda r: f"{r.cpu['replicas']:.1f}"),
        ("replicas' CPU s per rerun", lambda r: f"{r.cpu['replicas'] / max(1, len(r.latencies)):.3f}"),
        ("CPU s: balancer", lambda r: f"{r.cpu['balancer']:.1f}"),
        ("CPU s: load driver", lambda r: f"{r.cpu['driver']:.1f}"),
        ("CPU s: everything else", lambda r: f"{r.cpu['other']:.1f}"),
        ("CPU s: machine busy / available", lambda r: f"{r.cpu['machine']:.1f} / {r.available_cpu:.1f}"),
        ("share of available CPU: others", lambda r: f"{r.cpu['other'] / r.available_cpu:.0%}"),
    ]  # fmt: skip
    lines = [f"{'':<34}" + "".join(f"{'run ' + str(i + 1):>16}" for i in range(len(results)))]
    lines += [f"{name:<34}" + "".join(f"{cell(r):>16}" for r in results) for name, cell in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.protocol_load", description=__doc__.split("\n")[0])
    parser.add_argument("state_file", type=Path, help="the JSON that scripts/serve --state-file writes")
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args(argv)
    result = run_bounded(json.loads(args.state_file.read_text()), args.sessions, args.changes)
    print(table([result]))
    for error in result.errors[:20]:
        print("  " + error)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
