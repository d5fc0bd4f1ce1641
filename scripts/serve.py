"""Serve the dashboard from N identical Streamlit replicas behind HAProxy, on one machine.

Usage: scripts/serve --replicas N --port P [--address A] [--state-file PATH] [--log-dir DIR]

Starts N `streamlit run dashboard/server.py` processes on free loopback ports, all with the same
`server.cookieSecret`, then Debian's HAProxy on A:P with the repository's deploy/haproxy.cfg
(sticky cookie, least connections, redispatch, health checks on /_stcore/health). When everything
answers, it prints the address and, with --state-file, writes the process ids and ports as JSON
(the tests and the benchmark read it). SIGINT or SIGTERM stops everything it started. A replica
that dies is reported and not restarted: the balancer sends its tabs to the others.
`--replicas 1` is the single-process baseline behind the same balancer.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import dataclasses
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from string import Template
from types import FrameType

REPO_ROOT = Path(__file__).resolve().parents[1]
CONFIG_TEMPLATE = REPO_ROOT / "deploy" / "haproxy.cfg"
MAX_REPLICAS = 16
STOP_SECONDS = 10


@dataclasses.dataclass(frozen=True)
class Replica:
    name: str
    port: int
    pid: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class ServeError(RuntimeError):
    """A problem the person starting the service must fix; printed without a traceback."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_config(bind: str, replicas: Sequence[Replica], template: Path = CONFIG_TEMPLATE) -> str:
    """deploy/haproxy.cfg with the listening address and one `server` line per replica.

    Each replica's cookie value is its name, so a tab's cookie says which replica holds it.
    """
    servers = "\n".join(f"    server {r.name} 127.0.0.1:{r.port} cookie {r.name}" for r in replicas)
    return Template(template.read_text(encoding="utf-8")).substitute(bind=bind, servers=servers)


def find_haproxy() -> str:
    # NOTE: Debian installs it in /usr/sbin, which is not on every user's PATH.
    found = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")
    if not found:
        raise ServeError("HAProxy is not installed: run `apt-get install -y haproxy` (Debian's package)")
    return found


def check_config(haproxy: str, config: Path) -> None:
    result = subprocess.run([haproxy, "-c", "-f", str(config)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ServeError(f"HAProxy rejects {config}:\n{result.stdout}{result.stderr}")


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until `url`/_stcore/health answers "ok".

    NOTE: /healthz answers 200 even for a broken app; /_stcore/health says "ok" only when serving.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServeError(f"{process.args[0]} exited with code {process.returncode} before {url} was healthy")
        with contextlib.suppress(OSError), urllib.request.urlopen(url + "/_stcore/health", timeout=2) as reply:
            if reply.read().strip() == b"ok":
                return
        time.sleep(0.3)
    raise ServeError(f"{url} did not answer /_stcore/health within {timeout:.0f} s")


def _die_with_parent() -> None:
    # Runs in the child before exec: if this launcher is killed outright (SIGKILL), the kernel
    # sends the child SIGTERM, so no replica or balancer outlives it. Linux only (PR_SET_PDEATHSIG).
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


def spawn(args: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    # Its own process group: Ctrl-C in the terminal reaches only this launcher, which then stops
    # the children in order, and each can be stopped (or killed in a test) by its group.
    with log.open("ab") as out:
        return subprocess.Popen(
            args,
            cwd=REPO_ROOT,
            env={**os.environ, **(env or {})},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,  # safe here: this launcher runs no threads
        )


def stop(processes: Sequence[subprocess.Popen]) -> None:
    """SIGTERM each process group, wait, then SIGKILL what is left."""
    for process in processes:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _port_is_free(address: str, port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind((address, port))
        except OSError:
            return False
    return True


def _raise_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # the same orderly stop as Ctrl-C


def serve(replicas: int, port: int, address: str, state_file: Path | None, log_dir: Path) -> int:
    haproxy = find_haproxy()
    if not _port_is_free(address, port):
        raise ServeError(f"{address}:{port} is already in use: choose another --port")
    log_dir.mkdir(parents=True, exist_ok=True)
    # Every replica must sign and check the XSRF cookie with the same secret, or a tab moved to
    # another replica is refused. A deployment over several machines sets DASHBOARD_COOKIE_SECRET.
    secret = os.environ.get("DASHBOARD_COOKIE_SECRET") or secrets.token_hex(32)
    env = {"STREAMLIT_SERVER_COOKIE_SECRET": secret, "STREAMLIT_SERVER_HEADLESS": "true"}
    children: list[subprocess.Popen] = []
    try:
        started = []
        for number in range(1, replicas + 1):
            replica = Replica(f"r{number}", free_port())
            process = spawn(
                [sys.executable, "-m", "streamlit", "run", "dashboard/server.py",
                 "--server.address", "127.0.0.1", "--server.port", str(replica.port)],
                log_dir / f"{replica.name}.log",
                env,
            )  # fmt: skip
            children.append(process)
            started.append((dataclasses.replace(replica, pid=process.pid), process))
        for replica, process in started:
            wait_healthy(replica.url, process)
        config = log_dir / "haproxy.cfg"
        config.write_text(render_config(f"{address}:{port}", [r for r, _ in started]), encoding="utf-8")
        check_config(haproxy, config)
        balancer = spawn([haproxy, "-db", "-f", str(config)], log_dir / "haproxy.log")
        children.append(balancer)
        url = f"http://{address}:{port}"
        wait_healthy(url, balancer)
        state = {
            "url": url,
            "log_dir": str(log_dir),
            "balancer": {"pid": balancer.pid},
            "replicas": [{"name": r.name, "port": r.port, "pid": r.pid, "url": r.url} for r, _ in started],
        }
        if state_file:
            partial = state_file.with_suffix(".partial")
            partial.write_text(json.dumps(state, indent=2), encoding="utf-8")
            partial.replace(state_file)  # whole or absent: a reader never sees half a file
        names = ", ".join(f"{r.name} on port {r.port} (pid {r.pid})" for r, _ in started)
        print(f"Serving {url} from {replicas} replica(s): {names}; logs in {log_dir}. Ctrl-C stops.", flush=True)
        return _watch(balancer, started)
    except KeyboardInterrupt:
        return 0
    finally:
        # A second Ctrl-C or SIGTERM must not cut the stop short and leave children running.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop(children[::-1])  # the balancer first, so no new request reaches a stopping replica


def _watch(balancer: subprocess.Popen, replicas: Sequence[tuple[Replica, subprocess.Popen]]) -> int:
    reported: set[str] = set()
    while balancer.poll() is None:
        for replica, process in replicas:
            if replica.name not in reported and process.poll() is not None:
                reported.add(replica.name)
                print(f"Replica {replica.name} (pid {replica.pid}) exited with code {process.returncode}; "
                      "the balancer sends its tabs to the others.", file=sys.stderr, flush=True)  # fmt: skip
        time.sleep(0.5)
    print(f"HAProxy exited with code {balancer.returncode}; stopping.", file=sys.stderr)
    return 1


@contextlib.contextmanager
def running_service(replicas: int, log_dir: Path, port: int | None = None, timeout: float = 180) -> Iterator[dict]:
    """Run the real launcher, `scripts/serve`, in the background; yield the state it writes (URL,
    pids, ports); stop it after. For the tests and the benchmark."""
    state_file = log_dir / "state.json"
    command = [str(REPO_ROOT / "scripts" / "serve"), "--replicas", str(replicas), "--port", str(port or free_port()),
               "--state-file", str(state_file), "--log-dir", str(log_dir)]  # fmt: skip
    log_dir.mkdir(parents=True, exist_ok=True)
    state_file.unlink(missing_ok=True)  # a file left by an earlier run would be taken for this one's
    with (log_dir / "serve.log").open("ab") as out:
        launcher = subprocess.Popen(
            command, env={**os.environ, "PYTHON": sys.executable}, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    state: dict = {}
    try:
        deadline = time.monotonic() + timeout
        while not state_file.exists():
            if launcher.poll() is not None:
                tail = _tail(log_dir / "serve.log")
                raise ServeError(f"scripts/serve exited with code {launcher.returncode}: {tail}")
            if time.monotonic() > deadline:
                raise ServeError(f"scripts/serve was not serving within {timeout:.0f} s")
            time.sleep(0.3)
        state = json.loads(state_file.read_text(encoding="utf-8"))
        yield state
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(launcher.pid, signal.SIGTERM)
        try:
            launcher.wait(timeout=STOP_SECONDS + 20)
        except subprocess.TimeoutExpired:
            # The launcher hangs: stop it and, by their own groups, whatever it started.
            pids = [launcher.pid, state.get("balancer", {}).get("pid"), *(r["pid"] for r in state.get("replicas", []))]
            for pid in filter(None, pids):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
            launcher.wait()


def _tail(log: Path, lines: int = 20) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]) if log.exists() else ""


def _bounded(low: int, high: int, what: str):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what} must be a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{what} must be between {low} and {high}, got {value}")
        return value

    return parse


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=_bounded(1, MAX_REPLICAS, "--replicas"), required=True)
    parser.add_argument("--port", type=_bounded(1, 65535, "--port"), required=True)
    parser.add_argument("--address", default="127.0.0.1", help="address the balancer listens on")
    parser.add_argument("--state-file", type=Path, help="write pids, ports and the URL here as JSON once serving")
    parser.add_argument("--log-dir", type=Path, help="replica and balancer logs (default: a new temporary folder)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    log_dir = args.log_dir or Path(tempfile.mkdtemp(prefix="dashboard-serve-"))
    try:
        return serve(args.replicas, args.port, args.address, args.state_file, log_dir)
    except ServeError as err:
        print(f"scripts/serve: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
