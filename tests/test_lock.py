"""The lock files agree with what they are made from and with how they are installed: every package
hashed, every pin of an input the same in its lock, pyproject.toml's ranges met, the dev tree built on
the run tree, and the README's install commands the ones CI runs (docs/testing.md#the-lock-files).
Re-locking needs the package index, so these read the files; `scripts/lock` writes them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
LOCKS = {"requirements.in": "requirements.txt", "requirements-dev.in": "requirements-dev.txt"}
RELOCK = "edit the .in file, then run scripts/lock"


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(lock: str) -> dict[str, tuple[str, list[str]]]:
    """A lock file as {name: (version, hashes)}; a package's hashes follow it on continued lines."""
    found: dict[str, tuple[str, list[str]]] = {}
    name = ""
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        if pinned := re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line):
            name = normalised(pinned[1])
            found[name] = (pinned[2], [])
        elif hashed := re.match(r"^\s+--hash=(sha256:[0-9a-f]{64})", line):
            found[name][1].append(hashed[1])
    return found


def pins(source: str) -> dict[str, str]:
    """The `name==version` lines of an input file (its -r and -c lines are checked elsewhere)."""
    text = (ROOT / source).read_text(encoding="utf-8")
    return {normalised(m[1]): m[2] for m in re.finditer(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$", text, re.M)}


@pytest.mark.parametrize("lock", LOCKS.values())
def test_every_line_of_a_lock_is_a_hashed_pin_from_no_local_index(lock: str) -> None:
    text = (ROOT / lock).read_text(encoding="utf-8")
    entries = locked(lock)
    assert entries, f"{lock} pins nothing"
    assert not [name for name, (_, hashes) in entries.items() if not hashes], f"{lock}: packages without hashes"
    # Only pins, their hashes and comments: no `-e .`, no index, find-links or file path of one machine.
    strays = [
        line
        for line in text.splitlines()
        if line.strip() and not re.match(r"^(#|\s+(#|--hash=)|[A-Za-z0-9][A-Za-z0-9._-]*==)", line)
    ]
    assert not strays, f"{lock}: lines pip would not check against a hash: {strays}"
    assert "scripts/lock" in text.splitlines()[1], f"{lock}: its header should name the command that writes it"


@pytest.mark.parametrize(("source", "lock"), LOCKS.items())
def test_each_pin_of_an_input_is_the_version_in_its_lock(source: str, lock: str) -> None:
    entries = locked(lock)
    wrong = {
        name: (version, entries.get(name, ("missing",))[0])
        for name, version in pins(source).items()
        if entries.get(name, ("",))[0] != version
    }
    assert not wrong, f"{source} pins != {lock} ({{name: (input, lock)}}): {wrong}; {RELOCK}"


def test_the_dev_tree_holds_the_run_tree_at_the_same_versions_and_hashes() -> None:
    run, dev = locked("requirements.txt"), locked("requirements-dev.txt")
    differ = sorted(name for name in run if dev.get(name) != run[name])
    assert not differ, f"the tests would check another tree than the dashboard runs on: {differ}; {RELOCK}"
    dev_input = (ROOT / "requirements-dev.in").read_text(encoding="utf-8").splitlines()
    assert "-r requirements.in" in dev_input and "-c requirements.txt" in dev_input


def test_the_run_lock_meets_pyprojects_dependencies_and_build_backend() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    run = locked("requirements.txt")
    needed = [Requirement(r) for r in project["project"]["dependencies"] + project["build-system"]["requires"]]
    unmet = [str(r) for r in needed if normalised(r.name) not in run or run[normalised(r.name)][0] not in r.specifier]
    assert not unmet, f"requirements.txt does not meet pyproject.toml: {unmet}; {RELOCK}"
    # What the code imports is declared, not left to another package's range.
    declared = {normalised(r.name) for r in needed}
    assert {"numpy", "pandas", "pyarrow"} <= declared


def test_ci_installs_as_the_readmes_test_command_does() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    test_it = next(line for line in readme.splitlines() if "requirements-dev.txt" in line)
    readme_installs = re.findall(r"\.venv/bin/pip install ([^&]+?) &&", test_it)
    assert readme_installs == ["--require-hashes -r requirements-dev.txt", "--no-deps --no-build-isolation -e ."]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_installs = [
        line.split("--disable-pip-version-check ", 1)[1] for line in ci.splitlines() if ".venv/bin/pip install" in line
    ]
    assert ci_installs == readme_installs
    assert test_it in (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")  # the docs' copy is the same
