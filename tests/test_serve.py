"""scripts/serve: the balancer's config passes HAProxy's own check and keeps the lines that make
replicas work; bad arguments are named; everything started is stopped, even if the launcher is
killed outright."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from benchmarks.protocol_load import StreamlitSession, bars_by, in_own_loop, url_value
from scripts import serve
from scripts.serve import Replica, ServeError, check_config, find_haproxy, render_config, running_service

REPLICAS = [Replica("r1", 18001), Replica("r2", 18002)]
# Long enough for deploy/haproxy.cfg's checks (3 s time-out, every 2 s then 1 s, 3 failures) to
# mark a frozen replica down.
STALL_SECONDS = 16
# Each line is there for a reason docs/deploy.md gives; losing one breaks replicas in a way a
# single-process test does not see.
REQUIRED = [
    r"^\s+cookie DASHBOARD_REPLICA insert indirect nocache httponly$",
    r"^\s+balance leastconn$",
    r"^\s+option redispatch\b",
    r"^\s+http-check send meth GET uri /_stcore/health$",
    r"^\s+http-check expect string ok$",
    r"^\s+timeout tunnel \d+[smh]$",
    r"^\s+default-server check\b",
]


def rendered(tmp_path: Path) -> Path:
    config = tmp_path / "haproxy.cfg"
    config.write_text(render_config("127.0.0.1:18000", REPLICAS), encoding="utf-8")
    return config


def test_the_rendered_config_passes_haproxys_check(tmp_path: Path) -> None:
    check_config(find_haproxy(), rendered(tmp_path))  # raises with HAProxy's words if not


def test_a_broken_config_is_refused_with_haproxys_words(tmp_path: Path) -> None:
    config = rendered(tmp_path)
    config.write_text(config.read_text() + "    balance no-such-algorithm\n")
    with pytest.raises(ServeError, match=r"haproxy.cfg:\d+\] : balance only supports"):
        check_config(find_haproxy(), config)


@pytest.mark.parametrize("line", REQUIRED)
def test_the_config_keeps_the_lines_that_matter(tmp_path: Path, line: str) -> None:
    assert re.search(line, rendered(tmp_path).read_text(), flags=re.MULTILINE), line


def test_each_replica_is_a_server_named_by_its_cookie(tmp_path: Path) -> None:
    servers = re.findall(r"^\s+server (\S+) (\S+) cookie (\S+)$", rendered(tmp_path).read_text(), flags=re.MULTILINE)
    assert servers == [("r1", "127.0.0.1:18001", "r1"), ("r2", "127.0.0.1:18002", "r2")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--replicas", "0", "--port", "8501"], "--replicas must be between 1 and 16, got 0"),
        (["--replicas", "two", "--port", "8501"], "--replicas must be a whole number, got 'two'"),
        (["--replicas", "2", "--port", "70000"], "--port must be between 1 and 65535, got 70000"),
        (["--replicas", "2"], "the following arguments are required: --port"),
    ],
)
def test_bad_arguments_are_named(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        serve.main(args)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_a_port_in_use_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = serve.main(["--replicas", "1", "--port", str(port), "--log-dir", str(tmp_path)])
    assert code == 2
    assert f"127.0.0.1:{port} is already in use" in capsys.readouterr().err


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def wait_gone(pids: list[int], timeout: float = 30) -> list[int]:
    deadline = time.monotonic() + timeout
    while (left := [pid for pid in pids if alive(pid)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


@pytest.mark.server
def test_serve_balances_one_replica_and_stops_all_it_started(tmp_path: Path) -> None:
    with running_service(1, tmp_path / "serve") as service:
        with urllib.request.urlopen(service["url"] + "/_stcore/health", timeout=10) as reply:
            assert reply.read() == b"ok"
        with urllib.request.urlopen(service["url"] + "/", timeout=10) as reply:
            assert "DASHBOARD_REPLICA=r1" in reply.headers["Set-Cookie"]
        pids = [service["balancer"]["pid"], service["replicas"][0]["pid"]]
        assert all(alive(pid) for pid in pids)
    assert not wait_gone(pids), "SIGTERM to scripts/serve left processes running"


def _ctrl_c_as_in_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.server
@pytest.mark.parametrize(("stop_with", "exit_code"), [(signal.SIGINT, 0), (signal.SIGKILL, -signal.SIGKILL)])
def test_a_stopped_launcher_leaves_nothing_running(tmp_path: Path, stop_with: signal.Signals, exit_code: int) -> None:
    """Ctrl-C (SIGINT) stops everything in order; SIGKILL, which the launcher cannot catch, too:
    its children get SIGTERM from the kernel."""
    state_file = tmp_path / "state.json"
    launcher = subprocess.Popen(
        [str(serve.REPO_ROOT / "scripts" / "serve"), "--replicas", "1", "--port", str(serve.free_port()),
         "--state-file", str(state_file), "--log-dir", str(tmp_path)],
        env={**os.environ, "PYTHON": sys.executable}, stdout=subprocess.DEVNULL, start_new_session=True,
        # As from a terminal: a suite started in the background by a shell without job control
        # (`scripts/check &`) ignores SIGINT, and a child inherits that, so Ctrl-C would reach nothing.
        preexec_fn=_ctrl_c_as_in_a_terminal,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not state_file.exists() and launcher.poll() is None and time.monotonic() < deadline:
            time.sleep(0.3)
        assert state_file.exists(), "scripts/serve did not start"
        state = json.loads(state_file.read_text())
        pids = [state["balancer"]["pid"], state["replicas"][0]["pid"]]
        launcher.send_signal(stop_with)
        assert launcher.wait(timeout=60) == exit_code
        assert not wait_gone(pids), f"a child outlived its launcher stopped with {stop_with.name}"
    finally:
        if launcher.poll() is None:
            os.killpg(launcher.pid, signal.SIGKILL)


@pytest.mark.server
def test_a_stalled_replica_keeps_its_sessions_when_it_comes_back(tmp_path: Path) -> None:
    """A replica frozen long enough to be marked down (SIGSTOP: as if starved of CPU) serves its
    open sessions again once it runs: the balancer does not cut them."""
    with running_service(2, tmp_path / "serve") as service:

        async def stall_then_change() -> list[str]:
            sessions = []
            for _ in range(2):  # least connections: one on each replica
                session = StreamlitSession(service["url"], "aid")
                await session.open()
                sessions.append((session, await session.run()))
            stalled = next(r["pid"] for r in service["replicas"] if r["name"] == "r2")
            os.kill(stalled, signal.SIGSTOP)
            try:
                await asyncio.sleep(STALL_SECONDS)
            finally:
                os.kill(stalled, signal.SIGCONT)
            results = []
            for session, first in sessions:
                run = await session.run(first.query, [bars_by(first, "Status")])
                results.append(f"{session.replica}: {run.status} {url_value(run.query, 'by')}")
                await session.close()
            return results

        results = in_own_loop(stall_then_change())
    assert "Server replicas/r2 is DOWN" in (tmp_path / "serve" / "haproxy.log").read_text()
    assert sorted(results) == ["r1: FINISHED_SUCCESSFULLY ['status']", "r2: FINISHED_SUCCESSFULLY ['status']"]
