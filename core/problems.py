"""The one shape every data problem takes, so that the CLI and the pages can list them alike."""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import _


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
        """'actors.csv, row 3, column 'code': found 'X'; <expected>', in the run's language."""
        where = [self.file]
        if self.row is not None:
            where.append(_("row {row}").format(row=self.row))
        if self.column is not None:
            where.append(_("column '{column}'").format(column=self.column))
        place = ", ".join(where)
        if self.value is None:
            return f"{place}: {self.expected}"
        return _("{place}: found {value}; {expected}").format(
            place=place, value=repr(_shorten(self.value)), expected=self.expected
        )


class DataError(Exception):
    """Raised with every problem found, never only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data:\n" + "\n".join(map(str, problems)))


def _shorten(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
