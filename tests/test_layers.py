"""The layers stay apart: the core never imports streamlit, and nothing outside tests/ imports tests/."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import core

REPO_ROOT = Path(__file__).resolve().parents[1]
# NOTE: the prefix makes walk_packages import each subpackage by its full name and descend into it;
# with prefix="" it looked for a top-level `compare` and silently skipped core.compare.*.
CORE_MODULES = sorted(m.name for m in pkgutil.walk_packages(core.__path__, prefix="core."))


def _modules_on_disk() -> set[str]:
    """Every module of core/ by its dotted name, from the .py files on disk (a package by its __init__)."""
    names = set()
    for path in (REPO_ROOT / "core").rglob("*.py"):
        parts = path.relative_to(REPO_ROOT).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names - {"core"}


def test_the_layer_checks_see_every_core_module_on_disk() -> None:
    on_disk = _modules_on_disk()
    # Guards against passing vacuously: the core has modules, and some of them sit in subpackages.
    assert len(on_disk) > 10 and any(name.count(".") >= 2 for name in on_disk), sorted(on_disk)
    missed = sorted(on_disk - set(CORE_MODULES))
    assert not missed, f"the module walk misses {missed}: is a folder of core/ without an __init__.py?"
    assert set(CORE_MODULES) == on_disk


def test_importing_every_core_module_loads_no_streamlit() -> None:
    # A fresh interpreter: this test process has streamlit loaded already (conftest imports it).
    # Prints the first core module after whose import streamlit is loaded, or nothing.
    script = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "    if 'streamlit' in sys.modules:\n"
        "        print(name)\n"
        "        break\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"importing {result.stdout.strip()} loads streamlit; the core must not"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_nothing_outside_tests_imports_from_tests() -> None:
    offenders = []
    for path in REPO_ROOT.rglob("*.py"):
        relative = path.relative_to(REPO_ROOT)
        if relative.parts[0] in {"tests", ".venv"} or "site-packages" in relative.parts:
            continue
        if any(name == "tests" or name.startswith("tests.") for name in _imported_modules(path)):
            offenders.append(str(relative))
    assert not offenders, f"these import from tests/: {offenders}"


def test_the_core_imports_neither_the_app_nor_its_components() -> None:
    offenders = {
        str(path.relative_to(REPO_ROOT)): sorted(
            n for n in _imported_modules(path) if n.split(".")[0] in {"streamlit", "components", "dashboard"}
        )
        for path in (REPO_ROOT / "core").rglob("*.py")
    }
    assert not {k: v for k, v in offenders.items() if v}
