"""Streamlit's internals stay in one module (components/streamlit_internals.py), and the app stops
with a clear message on a Streamlit version it was not tested with."""

from __future__ import annotations

import ast
import asyncio
import contextlib
import inspect
import pkgutil
import re
import socket
import tomllib
from pathlib import Path
from unittest import mock

import pytest
import streamlit
from streamlit import config
from streamlit.testing.v1 import AppTest
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from components import streamlit_internals
from components.streamlit_internals import TESTED_STREAMLIT_VERSIONS, untested_version_problem
from tests.apptest_support import APP

REPO_ROOT = Path(__file__).resolve().parents[1]
APP_CODE = ("components", "dashboard", "core")
INTERNALS = Path(streamlit_internals.__file__).resolve()

# Streamlit's documented modules (st.column_config, streamlit.components.v1, st.connections,
# streamlit.testing.v1's AppTest, streamlit.starlette's App); every other submodule is private.
PUBLIC_SUBMODULES = {"column_config", "components", "connections", "testing", "starlette"}
PRIVATE_SUBMODULES = {m.name for m in pkgutil.iter_modules(streamlit.__path__)} - PUBLIC_SUBMODULES
# Of those, the ones `st.<name>` reaches (others share a name with a command: st.dataframe, st.navigation).
PRIVATE_ATTRIBUTES = {name for name in PRIVATE_SUBMODULES if inspect.ismodule(getattr(streamlit, name, None))}
# Selectors of the page Streamlit's frontend draws, and Plotly's SVG classes (as in `g.annotation`).
PLOTLY_CLASSES = (
    "main-svg|svg-container|plot-container|js-plotly-plot|scatterlayer|barlayer|point|textpoint|bartext|"
    "annotation|gtitle|[xy]tick|legend|modebar|modebar-btn|draglayer|nsewdrag|bglayer|hoverlayer"
)
DOM_HOOK = re.compile(rf"st-key-|data-testid|data-test-|\.(?:{PLOTLY_CLASSES})(?![\w-])")


def _private(name: str, names: set[str] = PRIVATE_SUBMODULES) -> bool:
    """Whether `streamlit.<name>` (a module, or else one of `names`) is not Streamlit's public API."""
    return name.startswith("_") or name in names


def internals_used(source: str) -> list[str]:
    """Each private Streamlit import or name and each DOM hook string in `source`, with its line.
    Documentation (a string standing as a statement: docstrings) may name them."""
    tree = ast.parse(source)
    aliases = {"streamlit"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "streamlit":
                    if len(parts) > 1 and _private(parts[1]):
                        found.append(f"{node.lineno}: import {alias.name}")
                    elif len(parts) == 1:
                        aliases.add(alias.asname or "streamlit")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if parts[0] != "streamlit":
                continue
            if len(parts) > 1 and _private(parts[1]):
                found.append(f"{node.lineno}: from {node.module} import ...")
            elif len(parts) == 1:
                private = [a.name for a in node.names if _private(a.name, PRIVATE_ATTRIBUTES)]
                found += [f"{node.lineno}: from streamlit import {name}" for name in private]
    documentation = {
        id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and _private(node.attr, PRIVATE_ATTRIBUTES)
        ):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in documentation:
            found += [f"{node.lineno}: {hook.group()!r}" for hook in DOM_HOOK.finditer(node.value)]
    return found


def app_modules() -> list[Path]:
    return sorted(path for folder in APP_CODE for path in (REPO_ROOT / folder).rglob("*.py"))


def test_no_module_but_the_one_uses_streamlits_internals() -> None:
    assert INTERNALS in app_modules()
    offenders = {
        str(path.relative_to(REPO_ROOT)): used
        for path in app_modules()
        if path != INTERNALS and (used := internals_used(path.read_text(encoding="utf-8")))
    }
    assert not offenders, (
        f"Streamlit internals or DOM hooks outside components/streamlit_internals.py: {offenders}. "
        "Give each a name there, saying what it relies on and which test notices a change, and import it."
    )


@pytest.mark.parametrize(
    "source",
    [
        "from streamlit.runtime.state import get_session_state",
        "from streamlit.runtime.state.common import user_key_from_element_id",
        "import streamlit.elements.widgets",
        "from streamlit import runtime",
        "import streamlit as st\nst.runtime.exists()",
        "import streamlit as st\nst._main.html('')",
        "import streamlit\nstreamlit.web.bootstrap",
        "key = 'x'\ncss = f'.st-key-{key} h3'",
        "selector = '[data-testid=\"stMain\"] h1'",
        "style = '.chart .textpoint,.chart .bartext{display:none}'",
        "line = 'g.annotation[data-index=\"0\"]'",
        "wait = '[data-test-script-state=\"notRunning\"]'",
    ],
)
def test_the_scan_finds_each_kind_of_internal(source: str) -> None:
    assert internals_used(source), source


def test_the_scan_lets_public_streamlit_and_documentation_pass() -> None:
    source = (
        '"""A module that names st-key-<key> and data-testid in its documentation."""\n'
        "import streamlit as st\n"
        "import streamlit.components.v1 as components\n"
        "from streamlit.testing.v1 import AppTest\n"
        "from streamlit import column_config, session_state\n"
        "st.html('<p>a point. An annotation.</p>')\n"
        "st.column_config.NumberColumn(format='localized')\n"
        "fig.add_annotation(text='x')\n"
        "name = 'annotations.csv'\n"
    )
    assert internals_used(source) == []


def test_every_test_named_by_an_internal_exists() -> None:
    """Each internal says which test notices a change of it: that test must be there."""
    named = set(re.findall(r"tests/test_\w+\.py", INTERNALS.read_text(encoding="utf-8")))
    assert named
    assert not [name for name in named if not (REPO_ROOT / name).is_file()]


def test_the_installed_streamlit_is_a_tested_one() -> None:
    assert streamlit.__version__ in TESTED_STREAMLIT_VERSIONS, (
        f"Streamlit {streamlit.__version__} is installed; the pins (requirements.txt) and "
        "components/streamlit_internals.TESTED_STREAMLIT_VERSIONS disagree"
    )
    assert untested_version_problem(streamlit.__version__) is None


def test_an_untested_version_is_named_with_the_tested_one_and_what_to_do() -> None:
    problem = untested_version_problem("1.99.0")
    assert problem is not None
    assert "Streamlit 1.99.0 is installed" in problem
    assert all(version in problem for version in TESTED_STREAMLIT_VERSIONS)
    assert "pip install --require-hashes -r requirements.txt" in problem and "TESTED_STREAMLIT_VERSIONS" in problem


def test_the_app_stops_on_an_untested_streamlit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(streamlit, "__version__", "1.99.0")
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [untested_version_problem("1.99.0")]
    assert not at.title and not at.sidebar.radio  # no page, no language switch: nothing else runs


def test_the_servers_connections_send_small_answers_at_once() -> None:
    """Streamlit binds its socket without saying TCP, so asyncio leaves Nagle's algorithm on and a
    kept-alive connection's answers waited 40 ms for the client's ACK; uvicorn's protocol now sets
    TCP_NODELAY on each connection it takes (answer_without_nagle_delay)."""
    streamlit_internals.answer_without_nagle_delay()
    config = Config(app=lambda scope, receive, send: None)
    config.load()
    # Its own loop: without one, the protocol asks asyncio for the thread's, which an earlier test
    # in the same worker may have closed (asyncio.run leaves none), and the test failed on that.
    loop = asyncio.new_event_loop()
    protocol = H11Protocol(config=config, server_state=ServerState(), app_state={}, _loop=loop)
    with (
        contextlib.closing(loop),
        socket.socket(family=socket.AF_INET) as listener,  # as Streamlit creates its own: no protocol named
    ):
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with socket.create_connection(listener.getsockname()) as _client:
            accepted, _address = listener.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
                transport = mock.MagicMock()
                extra = {"socket": accepted, "sockname": accepted.getsockname(), "peername": accepted.getpeername()}
                transport.get_extra_info.side_effect = extra.get
                protocol.connection_made(transport)
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1


def test_a_rerun_is_not_followed_by_a_full_garbage_collection() -> None:
    """.streamlit/config.toml turns off Streamlit's gc.collect(2) after each run (70-100 ms holding
    the GIL here, docs/performance.md); a Streamlit that renamed the option would ignore it."""
    settings = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text())
    assert settings["runner"]["postScriptGC"] is False
    assert "runner.postScriptGC" in config.get_config_options()


def test_pages_are_compiled_without_magic_and_none_relies_on_it() -> None:
    """Magic off (.streamlit/config.toml): a page compiles without Streamlit's syntax-tree rewrite.
    A page that relied on magic would lose what it wrote: no page script has a bare expression but
    its docstring and calls (whose results magic would not write either)."""
    settings = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text())
    assert settings["runner"]["magicEnabled"] is False
    assert "runner.magicEnabled" in config.get_config_options()
    scripts = [REPO_ROOT / "dashboard" / "app.py", *sorted((REPO_ROOT / "dashboard" / "app_pages").glob("*.py"))]
    assert len(scripts) == 6
    for script in scripts:
        body = ast.parse(script.read_text(encoding="utf-8")).body
        bare = [
            node.lineno
            for node in ast.walk(ast.Module(body=body, type_ignores=[]))
            if isinstance(node, ast.Expr) and node is not body[0] and not isinstance(node.value, ast.Call | ast.Await)
        ]
        assert not bare, f"{script.name}: bare expressions on lines {bare}, which magic would have written"
