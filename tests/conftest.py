"""Shared fixtures: copies of the bundled data to break, and isolation of Streamlit's caches."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data directory."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit_csv(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a CSV's text, failing loudly if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}: the test's fixture is out of date"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
