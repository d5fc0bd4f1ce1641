"""The one shape every data problem takes, so that the CLI and the pages can list them alike."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as we can.

    `row` counts as a spreadsheet does: the header is row 1, the first data row is row 2.
    """

    file: str
    expected: str
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        found = "" if self.value is None else f"found {_shorten(self.value)!r}; "
        return f"{', '.join(where)}: {found}{self.expected}"


class DataError(Exception):
    """Raised with every problem found, never only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data:\n" + "\n".join(map(str, problems)))


def _shorten(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
