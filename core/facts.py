"""Load a data directory into validated, typed tables: the one entry point to the data.

`load_facts(dir)` returns `Facts` or raises `DataError` listing every problem of the directory.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from core.datapackage import DESCRIPTOR_NAME, PackageSpec, ResourceSpec, read_descriptor
from core.evidence import FACT_TABLES, attach_evidence, check_evidence
from core.i18n import _
from core.problems import DataError, Problem
from core.scopes import Scopes
from core.validation import check_columns, read_raw_table, report_rows, type_table

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO_ROOT / "data"
DATA_DIR_VARIABLE = "DASHBOARD_DATA_DIR"

# The columns the dashboard itself reads, per table. A descriptor may add fields, but it must keep
# these, or the pages would have nothing to show.
APP_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "sources": ("source_id", "title", "author", "publisher", "kind", "year", "month", "language", "url"),
        "actors": ("code", "name", "kind", "role"),
        "memberships": ("group_code", "member_code", "basis"),
        "statuses": ("status", "label", "firmness", "description"),
        "flow_kinds": ("kind", "label", "description"),
        "categories": ("category", "label", "description"),
        "money": (
            "flow_id", "donor_code", "recipient_code", "amount", "currency", "qualifier", "year_start", "year_end",
            "kind", "status", "description",
        ),
        "events": (
            "event_id", "year_start", "year_end", "date_precision", "category", "countries", "title",
            "description",
        ),
        "figures": ("figure_id", "subject", "country_code", "value", "qualifier", "unit", "description"),
        "principles": ("list_id", "position", "item", "list_title"),
        "evidence": ("resource", "key", "source_id", "quote", "locator", "gloss"),
    }
)  # fmt: skip


@dataclass(frozen=True)
class Facts:
    """The validated tables of one data directory, one attribute per table the dashboard reads
    (APP_FIELDS). Treat the frames as read-only: they are shared by every session."""

    data_dir: Path
    package: PackageSpec
    version: str
    sources: pd.DataFrame
    actors: pd.DataFrame
    memberships: pd.DataFrame
    statuses: pd.DataFrame
    flow_kinds: pd.DataFrame
    categories: pd.DataFrame
    money: pd.DataFrame
    events: pd.DataFrame
    figures: pd.DataFrame
    principles: pd.DataFrame
    # One row per statement of a fact by a source; the fact tables carry it as columns too
    # (core.evidence.attach_evidence).
    evidence: pd.DataFrame
    # Tables a descriptor adds beyond APP_FIELDS: validated and exported, not shown.
    extra: Mapping[str, pd.DataFrame] = dataclasses.field(default_factory=dict)
    # The language of the translated fields (core.translations.localise); the data's own is English.
    language: str = "en"

    @property
    def tables(self) -> Mapping[str, pd.DataFrame]:
        """Every table by its resource name, in the descriptor's order."""
        # load_facts gives every resource a frame: the dashboard's as fields, the others in `extra`.
        frames: dict[str, pd.DataFrame] = {**self.extra, **{name: getattr(self, name) for name in APP_FIELDS}}
        # The descriptor's fields only: not the evidence columns the loader attached to the facts.
        return MappingProxyType(
            {spec.name: frames[spec.name][list(spec.field_names)] for spec in self.package.resources}
        )


def data_dir_from_env() -> Path:
    """The data directory the app reads: $DASHBOARD_DATA_DIR, else the repository's data/."""
    value = os.environ.get(DATA_DIR_VARIABLE, "").strip()
    return Path(value).expanduser() if value else DEFAULT_DATA_DIR


def fingerprint(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Cheap stamp (name, size, mtime) of the directory's files, to notice edits without reading them."""
    try:
        entries = sorted(p for p in data_dir.iterdir() if p.is_file())
    except OSError:
        return ()
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in entries)


def load_facts(data_dir: Path) -> Facts:
    """Read, type and validate every table of `data_dir`; raise DataError with all problems."""
    if not data_dir.is_dir():
        expected = _("a data directory (set {variable} to one)").format(variable=DATA_DIR_VARIABLE)
        raise DataError([Problem(str(data_dir), expected)])
    package = read_descriptor(data_dir)
    problems: list[Problem] = []
    for name, fields in APP_FIELDS.items():
        if name not in package.resource_names:
            expected = _("a resource named '{resource}' (the dashboard shows it)").format(resource=name)
            problems.append(Problem(DESCRIPTOR_NAME, expected))
            continue
        if not package.resource(name).primary_key:
            # Rows are named by their key: in translations.csv, in links (an event) and in citations.
            expected = _("a primaryKey in resource '{resource}' (its rows are named by it)").format(resource=name)
            problems.append(Problem(DESCRIPTOR_NAME, expected))
        missing = [f for f in fields if f not in package.resource(name).field_names]
        for field in missing:
            expected = _("a field '{field}' in resource '{resource}'").format(field=field, resource=name)
            problems.append(Problem(DESCRIPTOR_NAME, expected, column=field))
    tables: dict[str, pd.DataFrame] = {}
    rows: dict[str, np.ndarray] = {}
    for spec in package.resources:
        raw = read_raw_table(data_dir, spec, problems)
        if raw is None:
            continue
        check_columns(raw, spec, problems)
        tables[spec.name] = type_table(raw, spec, problems)
        rows[spec.name] = raw.rows
    _check_across_tables(package, tables, rows, problems)
    if problems:
        raise DataError(problems)
    compact = {name: _compact(frame, package.resource(name)) for name, frame in tables.items()}
    for name in FACT_TABLES:
        compact[name] = attach_evidence(
            compact[name], name, package.resource(name), compact["evidence"], compact["sources"]
        )
    return Facts(
        data_dir=data_dir,
        package=package,
        version=data_version(data_dir, package),
        sources=compact.pop("sources"),
        actors=compact.pop("actors"),
        memberships=compact.pop("memberships"),
        statuses=compact.pop("statuses"),
        flow_kinds=compact.pop("flow_kinds"),
        categories=compact.pop("categories"),
        money=compact.pop("money"),
        events=compact.pop("events"),
        figures=compact.pop("figures"),
        principles=compact.pop("principles"),
        evidence=compact.pop("evidence"),
        extra=MappingProxyType(compact),
    )


def _compact(frame: pd.DataFrame, spec: ResourceSpec) -> pd.DataFrame:
    """Repeated text (codes, statuses, sources, quotes) as categoricals: a fraction of the memory,
    and filters and row selections that move integer codes instead of strings.

    Applied to every table whatever its size, so the tests on the small bundled data exercise the
    same dtypes as a million-row data set.
    """
    keys = set(spec.primary_key)
    repeated = [f.name for f in spec.fields if f.type == "string" and not f.unique and f.name not in keys]
    return frame.astype({name: "category" for name in repeated if name in frame.columns})


def data_version(data_dir: Path, package: PackageSpec) -> str:
    """A short hash of the descriptor and every table's bytes: changes whenever any fact does."""
    digest = hashlib.blake2b(digest_size=6)
    for name in (DESCRIPTOR_NAME, *(r.path for r in package.resources)):
        digest.update(name.encode())
        with (data_dir / name).open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def _check_across_tables(
    package: PackageSpec, tables: dict[str, pd.DataFrame], rows: dict[str, np.ndarray], problems: list[Problem]
) -> None:
    check_evidence({spec.name: spec for spec in package.resources}, tables, rows, problems)
    for spec in package.resources:
        frame = tables.get(spec.name)
        if frame is None:
            continue
        _check_foreign_keys(spec, frame, rows[spec.name], tables, problems)
        _check_year_order(spec, frame, rows[spec.name], problems)
        if spec.name == "memberships":
            _check_membership_cycles(spec, frame, rows[spec.name], problems)
        if spec.name == "events":
            _check_event_dates(spec, frame, rows[spec.name], problems)
            if "actors" in tables and "countries" in frame.columns:
                _check_event_countries(spec, frame, rows[spec.name], tables["actors"], problems)


def _check_foreign_keys(
    spec: ResourceSpec, frame: pd.DataFrame, rows: np.ndarray, tables: dict[str, pd.DataFrame], problems: list[Problem]
) -> None:
    for key in spec.foreign_keys:
        target = tables.get(key.resource)
        if target is None or len(key.fields) != 1:
            continue  # a missing target table is already a problem of its own
        column, target_column = key.fields[0], key.reference_fields[0]
        if column not in frame.columns or target_column not in target.columns:
            continue
        values = frame[column]
        dangling = (values.notna() & ~values.isin(target[target_column].dropna())).to_numpy(dtype=bool)
        known = ", ".join(map(str, target[target_column].dropna().head(12))) + (", …" if len(target) > 12 else "")
        expected = _("a {field} listed in {file} (known: {known})").format(
            field=target_column, file=f"{key.resource}.csv", known=known
        )
        report_rows(spec.path, column, rows, values, dangling, expected, problems)


def _check_year_order(spec: ResourceSpec, frame: pd.DataFrame, rows: np.ndarray, problems: list[Problem]) -> None:
    if not {"year_start", "year_end"} <= set(frame.columns):
        return
    start, end = frame["year_start"], frame["year_end"]
    reversed_period = (start > end).fillna(False).to_numpy(dtype=bool)
    shown = start.astype("string") + "-" + end.astype("string")
    report_rows(spec.path, "year_end", rows, shown, reversed_period, _("a last year >= the first year"), problems)
    end_only = (start.isna() & end.notna()).to_numpy(dtype=bool)
    report_rows(
        spec.path, "year_start", rows, end.astype("string"), end_only,
        _("a first year wherever a last year is given"), problems,
    )  # fmt: skip


def _check_event_dates(spec: ResourceSpec, frame: pd.DataFrame, rows: np.ndarray, problems: list[Problem]) -> None:
    if not {"year_start", "year_end", "date_precision"} <= set(frame.columns):
        return
    precision, start, end = frame["date_precision"], frame["year_start"], frame["year_end"]
    has_start, has_end = start.notna(), end.notna()
    # A day or month: date_start gives it, in the first year (a meeting of several days may end in the next).
    given = frame["date_start"] if "date_start" in frame.columns else pd.Series(pd.NA, index=frame.index)
    day = given.astype("string").fillna("")
    same_year = (day.str[:4] == start.astype("string").fillna("-")) & has_start & has_end
    in_day = day.str.fullmatch(r"\d{4}-\d{2}-\d{2}") & same_year
    in_month = day.str.fullmatch(r"\d{4}-\d{2}") & same_year & (start == end)
    rules = {
        "day": (in_day, _("a date_start YYYY-MM-DD in year_start for precision 'day'")),
        "month": (in_month, _("a date_start YYYY-MM in year_start (= year_end) for precision 'month'")),
        "year": (has_start & has_end & (start == end), _("year_start = year_end for precision 'year'")),
        "span": (has_start & has_end & (start < end), _("year_start < year_end for precision 'span'")),
        "not_stated": (~has_start & ~has_end, _("empty years for precision 'not_stated'")),
    }
    for value, (ok, expected) in rules.items():
        bad = ((precision == value) & ~ok.fillna(False)).to_numpy(dtype=bool)
        report_rows(spec.path, "date_precision", rows, precision, bad, expected, problems)


def _check_event_countries(
    spec: ResourceSpec, frame: pd.DataFrame, rows: np.ndarray, actors: pd.DataFrame, problems: list[Problem]
) -> None:
    exploded = frame["countries"].str.split(";").explode()
    unknown = exploded.notna() & ~exploded.isin(actors["code"].dropna())
    bad_positions = np.zeros(len(frame), dtype=bool)
    bad_positions[exploded.index[unknown.to_numpy(dtype=bool)].to_numpy()] = True
    unknown_codes = exploded[unknown].groupby(level=0).agg(";".join)
    shown = pd.Series("", index=frame.index, dtype="string")
    shown.loc[unknown_codes.index] = unknown_codes
    report_rows(spec.path, "countries", rows, shown, bad_positions, _("codes listed in actors.csv"), problems)


def _check_membership_cycles(
    spec: ResourceSpec, frame: pd.DataFrame, rows: np.ndarray, problems: list[Problem]
) -> None:
    """A group may not contain itself, directly or through its members: the sum rule could not say
    which figures overlap."""
    if not {"group_code", "member_code", "basis"} <= set(frame.columns):
        return
    cycles = set(Scopes.from_table(frame.dropna(subset=["group_code", "member_code"]).astype(str)).cycles())
    pairs = list(zip(frame["group_code"].astype(str), frame["member_code"].astype(str), strict=True))
    bad = np.array([pair in cycles for pair in pairs], dtype=bool)
    contains = _("{group} contains {member}")
    shown = pd.Series([contains.format(group=g, member=m) for g, m in pairs], index=frame.index, dtype="string")
    expected = _("no group that contains itself, directly or through its members")
    report_rows(spec.path, "member_code", rows, shown, bad, expected, problems)
