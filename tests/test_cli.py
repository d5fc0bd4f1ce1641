"""`python -m dashboard validate` exits 0 with a summary, or non-zero listing every problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT, edit_csv


def validate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "validate", *args], cwd=REPO_ROOT, capture_output=True, text=True
    )


def test_valid_directory_prints_one_line_and_exits_0() -> None:
    result = validate()
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1 and "valid (88 sources" in result.stdout


def test_invalid_directory_lists_every_problem_and_exits_1(data_copy: Path) -> None:
    edit_csv(data_copy / "money.csv", ",3000000000,", ",-3000000000,")
    edit_csv(data_copy / "events.csv", "E01,1951,1951,", "E01,1951,1950,")
    result = validate(str(data_copy))
    assert result.returncode == 1
    # Three: the reversed period also breaks the 'year' precision rule of that event.
    assert "3 problem(s)" in result.stderr
    assert "money.csv, row 5, column 'amount'" in result.stderr
    assert "events.csv, row 2, column 'year_end'" in result.stderr


def test_reads_the_directory_from_the_environment(data_copy: Path) -> None:
    (data_copy / "events.csv").unlink()
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "validate"],
        cwd=REPO_ROOT, capture_output=True, text=True, env={"DASHBOARD_DATA_DIR": str(data_copy), "PATH": ""},
    )  # fmt: skip
    assert result.returncode == 1 and "events.csv" in result.stderr
