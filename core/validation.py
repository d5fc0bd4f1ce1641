"""Read CSV tables as text and check them against their Table Schema, vectorised with pandas.

Every check looks at whole columns at once, so a table of a million rows costs a few column
operations, not a Python loop per row. Every problem is collected; nothing stops at the first.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from core import i18n
from core.datapackage import FieldSpec, ResourceSpec
from core.i18n import _, ngettext
from core.problems import Problem

# NOTE: checked before parsing; a larger file is refused with a problem, never read into memory.
MAX_TABLE_BYTES = 1_500_000_000
MAX_COLUMNS = 200
# Numbers in these units take few distinct values (years, months, ranks, paragraph numbers).
BOUNDED_UNITS = {"year", "month", "rank", "paragraph number"}
# Past this many rows with the same problem in one column, the rest are summed up in one line.
MAX_ROWS_PER_PROBLEM = 10
FIRST_DATA_ROW = 2  # the header is row 1, as in a spreadsheet
_INTEGER = r"[+-]?\d+"
_NUMBER = r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"


@dataclass(frozen=True)
class RawTable:
    """A table as text, with the spreadsheet row number of each of its rows."""

    frame: pd.DataFrame
    rows: np.ndarray


def read_raw_table(data_dir: Path, spec: ResourceSpec, problems: list[Problem]) -> RawTable | None:
    """Read one resource as text columns; None (with problems added) when it cannot be read."""
    file = spec.path
    path = data_dir / file
    if not path.is_file():
        expected = _("a file '{file}' in {data_dir}, as datapackage.yaml lists for '{resource}'").format(
            file=file, data_dir=data_dir, resource=spec.name
        )
        problems.append(Problem(file, expected))
        return None
    if not path.resolve().is_relative_to(data_dir.resolve()):
        problems.append(Problem(file, _("a file inside the data directory, not a link to a file elsewhere")))
        return None
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:
        expected = _("a file of at most {limit} bytes, not {size}").format(
            limit=i18n.number(MAX_TABLE_BYTES), size=i18n.number(size)
        )
        problems.append(Problem(file, expected))
        return None
    header = _read_header(path, file, problems)
    if header is None:
        return None
    # Repeated text (codes, statuses, sources, quotes) is read dictionary-encoded: it arrives as a
    # categorical, so a million rows hold each distinct text once instead of a million times.
    repeated = {
        f.name
        for f in spec.fields
        if not f.unique and f.name not in spec.primary_key and (f.type == "string" or f.unit in BOUNDED_UNITS)
    }
    return _read_body(path, file, header, problems, repeated)


def _read_header(path: Path, file: str, problems: list[Problem]) -> list[str] | None:
    with path.open("rb") as handle:
        first = handle.readline(1_000_000)
    try:
        line = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(file, _("UTF-8 text; re-save the file as UTF-8"), row=1))
        return None
    header = next(csv.reader(io.StringIO(line)), [])
    if not [name for name in header if name.strip()]:
        problems.append(Problem(file, _("a header row naming the columns; the file is empty"), row=1))
        return None
    if len(header) > MAX_COLUMNS:
        expected = _("at most {limit} columns, not {count}").format(limit=MAX_COLUMNS, count=len(header))
        problems.append(Problem(file, expected, row=1))
        return None
    duplicates = sorted({name for name in header if header.count(name) > 1})
    for name in duplicates:
        problems.append(Problem(file, _("each column name once in the header"), row=1, column=name))
    return None if duplicates else header


def _read_body(
    path: Path, file: str, header: list[str], problems: list[Problem], repeated: set[str]
) -> RawTable | None:
    ragged: list[tuple[int | None, int, int]] = []

    def skip_ragged(row: pacsv.InvalidRow) -> str:
        ragged.append((row.number, row.expected_columns, row.actual_columns))
        return "skip"

    def read(use_threads: bool) -> pa.Table:
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(use_threads=use_threads),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=skip_ragged),
            convert_options=pacsv.ConvertOptions(
                column_types={
                    name: pa.dictionary(pa.int32(), pa.string()) if name in repeated else pa.string() for name in header
                },
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    try:
        table = read(use_threads=True)
        if ragged:
            # NOTE: only a single-threaded read knows the line numbers of skipped rows.
            ragged.clear()
            table = read(use_threads=False)
    except pa.ArrowInvalid as err:
        problems.append(_arrow_problem(path, file, err))
        return None
    # self_destruct frees each Arrow column as it is converted: a lower peak for big tables.
    frame = table.to_pandas(split_blocks=True, self_destruct=True)
    del table
    pa.default_memory_pool().release_unused()
    skipped = sorted(row[0] for row in ragged if row[0] is not None)
    for number, expected, actual in ragged:
        problems.append(
            Problem(
                file,
                ngettext("{n} field as in the header, not {actual}", "{n} fields as in the header, not {actual}",
                         expected).format(n=expected, actual=actual),
                row=number,
                value=ngettext("{n} field", "{n} fields", actual).format(n=actual),
            )
        )  # fmt: skip
    rows = _row_numbers(len(frame), skipped)
    return RawTable(frame=frame, rows=rows)


def _row_numbers(count: int, skipped: list[int]) -> np.ndarray:
    """Spreadsheet row numbers of the rows kept when the rows `skipped` were dropped."""
    if not skipped:
        return np.arange(FIRST_DATA_ROW, FIRST_DATA_ROW + count)
    all_rows = np.arange(FIRST_DATA_ROW, FIRST_DATA_ROW + count + len(skipped))
    return np.setdiff1d(all_rows, np.array(skipped))[:count]


def _arrow_problem(path: Path, file: str, err: Exception) -> Problem:
    if "UTF8" in str(err) or "UTF-8" in str(err):
        data = path.read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as decode_err:
            row = data.count(b"\n", 0, decode_err.start) + 1
            return Problem(file, _("UTF-8 text; re-save the file as UTF-8"), row=row)
    if "straddl" in str(err):
        # pyarrow parses in 1 MB blocks; a longer row is almost always a quote (") never closed.
        return Problem(file, _('rows under 1 MB each: a row is longer, or a quote (") is opened and never closed'))
    return Problem(file, _("a well-formed CSV file ({reason})").format(reason=err))


def check_columns(raw: RawTable, spec: ResourceSpec, problems: list[Problem]) -> None:
    """Every column the schema names is present, and no other."""
    present = list(raw.frame.columns)
    for name in spec.field_names:
        if name not in present:
            expected = _("a column '{column}' ({title})").format(column=name, title=spec.field(name).title)
            problems.append(Problem(spec.path, expected, row=1, column=name))
    for name in present:
        if name not in spec.field_names:
            expected = _("only the columns datapackage.yaml lists for '{resource}'").format(resource=spec.name)
            problems.append(Problem(spec.path, expected, row=1, column=name))


def type_table(raw: RawTable, spec: ResourceSpec, problems: list[Problem]) -> pd.DataFrame:
    """Convert text columns to their schema types, checking types and constraints."""
    typed = {}
    for field in spec.fields:
        if field.name not in raw.frame.columns:
            continue
        typed[field.name] = _type_column(raw.frame[field.name], raw.rows, field, spec.path, problems)
    frame = pd.DataFrame(typed, index=pd.RangeIndex(len(raw.frame)), copy=False)
    _check_primary_key(frame, raw.rows, spec, problems)
    return frame


def _type_column(text: pd.Series, rows: np.ndarray, field: FieldSpec, file: str, problems: list[Problem]) -> pd.Series:
    empty = (text == "").to_numpy()
    report = _Reporter(file, field.name, rows, text, problems)
    if field.required:
        report(empty, _("a value: {title} is required").format(title=field.title))
    # NOTE: copies are made only when something must change: at a million rows each copy of a
    # text column is tens of MB on top of the load's peak.
    if field.type == "string":
        report(_holds_nul(text), _("text without NUL bytes (\\x00): delete them from the cell"))
        values = text.mask(empty) if empty.any() else text
        _check_constraints(values, ~empty, field, report)
        return values
    pattern = _INTEGER if field.type == "integer" else _NUMBER
    well_formed = text.str.fullmatch(pattern).fillna(False).to_numpy(dtype=bool)
    report(~empty & ~well_formed, field.expectation())
    if isinstance(text.dtype, pd.CategoricalDtype):
        # Parse each distinct text once and spread the numbers by code: years repeat a lot.
        categories = pd.Series(text.cat.categories.astype(str))
        parsed = _parse_numbers(categories.where(categories.str.fullmatch(pattern), ""), field)
        codes = text.cat.codes.to_numpy()
        values = pd.Series(parsed.array.take(codes, allow_fill=True), index=text.index, dtype=parsed.dtype)
    else:
        values = _parse_numbers(text if well_formed.all() else text.where(well_formed, ""), field)
    overflow = well_formed & values.isna().to_numpy(dtype=bool)
    report(overflow, _("{expected} that fits in 64 bits").format(expected=field.expectation()))
    well_formed = well_formed & ~overflow
    values = values.mask(~well_formed)
    _check_constraints(values, well_formed, field, report)
    return values


def _holds_nul(text: pd.Series) -> np.ndarray:
    """Rows whose text holds a NUL byte: no text has one, so the file is damaged there.

    NOTE: a repeated column is categorical; only its distinct texts are searched.
    """
    if isinstance(text.dtype, pd.CategoricalDtype):
        bad = np.flatnonzero(text.cat.categories.astype(str).str.contains("\x00", regex=False))
        return np.isin(text.cat.codes.to_numpy(), bad) if len(bad) else np.zeros(len(text), dtype=bool)
    return text.str.contains("\x00", regex=False).fillna(False).to_numpy(dtype=bool)


_INT64 = (-(2**63), 2**63 - 1)


def _parse_numbers(text: pd.Series, field: FieldSpec) -> pd.Series:
    """Well-formed text to Int64/Float64; empty text, and a whole number too big for 64 bits,
    become NA (the caller reports the latter). Malformed text must be blanked by the caller."""
    arrow_type, dtype = (pa.int64(), pd.Int64Dtype()) if field.type == "integer" else (pa.float64(), pd.Float64Dtype())
    arrow = pa.array(text, type=pa.string())
    try:
        # Fast path: Arrow parses the whole column in one call, not a value at a time.
        blanks = pc.equal(arrow, "")
        if pc.any(blanks).as_py():
            arrow = pc.if_else(blanks, pa.scalar(None, pa.string()), arrow)
        parsed = pc.cast(arrow, arrow_type)
        return pd.Series(parsed.to_pandas(types_mapper={arrow_type: dtype}.get), index=text.index, dtype=dtype)
    except (pa.ArrowInvalid, OverflowError):
        pass

    # Slow path, for what Arrow refuses ('+5', or a whole number too big for 64 bits): exact
    # Python numbers, and NA where a whole number does not fit.
    def one(value: str) -> object:
        if not value:
            return pd.NA
        if field.type != "integer":
            return float(value)
        number = int(value)
        return number if _INT64[0] <= number <= _INT64[1] else pd.NA

    return pd.Series([one(v) for v in text.astype(str)], index=text.index, dtype=dtype)


def _check_constraints(values: pd.Series, present: np.ndarray, field: FieldSpec, report: _Reporter) -> None:
    if field.enum is not None:
        report(present & ~values.isin(field.enum).to_numpy(dtype=bool), field.expectation())
    if field.pattern is not None:
        matches = values.str.fullmatch(field.pattern).fillna(False).to_numpy(dtype=bool)
        report(present & ~matches, _("text matching {pattern}").format(pattern=field.pattern))
    if field.max_length is not None:
        too_long = (values.astype("string").str.len() > field.max_length).fillna(False).to_numpy(dtype=bool)
        report(present & too_long, field.expectation())
    if field.minimum is not None:
        report(present & (values < field.minimum).fillna(False).to_numpy(dtype=bool), field.expectation())
    if field.maximum is not None:
        report(present & (values > field.maximum).fillna(False).to_numpy(dtype=bool), field.expectation())
    if field.unique:
        report(present & _repeated(values), _("a value not used by an earlier row (ids must be unique)"))


def _repeated(values: pd.Series) -> np.ndarray:
    """Rows whose value an earlier row already has.

    NOTE: text is sorted in Arrow and neighbours compared. pandas' duplicated (and Arrow's own
    hashing) hold a hash table of every id, at the load's peak; the sort needs about half that
    memory. Only rows equal to a neighbour go to pandas, to say which came first.
    """
    if not pd.api.types.is_string_dtype(values.dtype) or isinstance(values.dtype, pd.CategoricalDtype):
        return values.duplicated(keep="first").to_numpy(dtype=bool)
    arrow = pa.array(values, from_pandas=True)
    order = pc.sort_indices(arrow).to_numpy()
    ordered = arrow.take(order)
    same = pc.fill_null(pc.equal(ordered[1:], ordered[:-1]), False).to_numpy(zero_copy_only=False)
    repeated = np.zeros(len(values), dtype=bool)
    if same.any():
        candidates = np.unique(np.concatenate([order[1:][same], order[:-1][same]]))
        repeated[candidates] = values.iloc[candidates].duplicated(keep="first").to_numpy(dtype=bool)
    return repeated


def _check_primary_key(frame: pd.DataFrame, rows: np.ndarray, spec: ResourceSpec, problems: list[Problem]) -> None:
    key = [name for name in spec.primary_key if name in frame.columns]
    if len(key) < 2 or len(key) != len(spec.primary_key):
        return  # a one-field key is a unique field; its constraint reports it
    repeated = frame.duplicated(subset=key, keep="first").to_numpy(dtype=bool)
    if not repeated.any():
        return
    # An empty key field (already a 'required' problem of its own) joins as nothing, not a crash.
    # NOTE: joined column by column: a join row by row (DataFrame.agg on axis 1) took 8 s of a
    # 100,000-row load (docs/performance.md).
    fields = [frame[name].astype("string").fillna("") for name in key]
    values = fields[0]
    for field in fields[1:]:
        values = values + " / " + field
    _Reporter(spec.path, " + ".join(key), rows, values, problems)(
        repeated,
        _("a combination of {fields} not used by an earlier row").format(fields=_joined(key)),
    )


def _joined(names: list[str]) -> str:
    """'a and b' ('a and b and c'): field names in running text, in the run's language."""
    text = names[0]
    for name in names[1:]:
        text = _("{first} and {second}").format(first=text, second=name)
    return text


class _Reporter:
    """Turn a boolean mask of bad rows into problems, at most MAX_ROWS_PER_PROBLEM of them."""

    def __init__(self, file: str, column: str, rows: np.ndarray, shown: pd.Series, problems: list[Problem]):
        self.file, self.column, self.rows, self.shown, self.problems = file, column, rows, shown, problems

    def __call__(self, bad: np.ndarray, expected: str) -> None:
        positions = np.flatnonzero(bad)
        for position in positions[:MAX_ROWS_PER_PROBLEM]:
            value = self.shown.iloc[position]
            self.problems.append(
                Problem(
                    self.file,
                    expected,
                    row=int(self.rows[position]),
                    column=self.column,
                    value="" if pd.isna(value) else str(value),
                )
            )
        if len(positions) > MAX_ROWS_PER_PROBLEM:
            more = len(positions) - MAX_ROWS_PER_PROBLEM
            summed = ngettext(
                "{expected} (and {n} more row with this problem)",
                "{expected} (and {n} more rows with this problem)",
                more,
            ).format(expected=expected, n=i18n.number(more))
            self.problems.append(Problem(self.file, summed, column=self.column))


def report_rows(
    file: str, column: str, rows: np.ndarray, shown: pd.Series, bad: np.ndarray, expected: str, problems: list[Problem]
) -> None:
    """Public entry for checks that span tables (foreign keys, year order)."""
    _Reporter(file, column, rows, shown, problems)(bad, expected)
