"""Downloads: spreadsheet-safe CSV and a zip with the citation, built only when asked for.

OWASP's CSV-injection guidance: a text cell starting with = + - @, tab or carriage return would be
run as a formula by a spreadsheet, so it gets a leading apostrophe. Numbers stay numbers.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from core.columns import LIST_SEPARATOR, column
from core.datapackage import PackageSpec
from core.facts import Facts
from core.formatting import is_missing
from core.i18n import _
from core.reference import DASHBOARD_TITLE, dashboard_citation, fact_citation, full_reference, sources_cited

BOM = "\ufeff"  # so spreadsheet programs read UTF-8 (Cyrillic, Japanese) as UTF-8
_FORMULA_START = r"^[=+\-@\t\r]"


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which text cells a spreadsheet would run as formulas start with an apostrophe."""
    safe = {}
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
            safe[name] = column
            continue
        text = column.astype("string")
        risky = text.str.contains(_FORMULA_START, regex=True).fillna(False)
        safe[name] = text.mask(risky, "'" + text) if risky.any() else column
    return pd.DataFrame(safe, index=frame.index)


def safe_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM, a header row, formulas neutralised; empty cells stay empty."""
    return (BOM + neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def csv_chunks(frames: Iterable[pd.DataFrame], rows_per_chunk: int = 5_000) -> Iterator[bytes]:
    """`safe_csv` of the rows of `frames` (pieces of one table, at least one) in pieces of at most
    `rows_per_chunk` rows: the header once, first. For a response that streams a big view without
    holding the whole file, or all its rows (the API, core.api)."""
    header = True
    for frame in frames:
        for start in range(0, max(len(frame), 1), rows_per_chunk):
            piece = frame.iloc[start : start + rows_per_chunk]
            if header:
                yield safe_csv(piece)
                header = False
            elif len(piece):
                yield neutralise_formulas(piece).to_csv(index=False, header=False, lineterminator="\r\n").encode()


def file_name(page: str, parts: Sequence[str], today: dt.date, extension: str = "csv") -> str:
    """'aid_KAZ-UZB_1993-2019_2026-11-28.csv': page, main filters, date; only safe characters."""
    words = (re.sub(r"[^A-Za-z0-9.-]+", "-", w).strip("-") for w in [page, *parts, today.isoformat()])
    stem = "_".join(w for w in words if w)
    return f"{stem[:150]}.{extension}"


def chart_file_stem(page: str, parts: Sequence[str], chart: str, today: dt.date) -> str:
    """'aid_KAZ_1993-2019_bars_2026-11-28': a chart's PNG name without its extension (Plotly adds
    '.png'): named as the view's CSV is, plus which chart it is."""
    return file_name(page, [*parts, chart], today).removesuffix(".csv")


@dataclass(frozen=True)
class ViewDescription:
    """What a download's README and datapackage.json say about the view it came from."""

    page_title: str
    permalink: str
    filters: Mapping[str, str]
    tables: Sequence[str]  # the package's tables the view draws on (named in the package's description)
    name: str = "view"  # the CSV's resource name in datapackage.json (lower-case letters, digits, - _ .)
    data_address: str = ""  # this view's CSV at the API (core.api), which follows the data as it is updated
    package_address: str = ""  # the whole data package at the API


def sources_of_rows(rows: pd.DataFrame) -> frozenset[str] | None:
    """The sources a view's CSV rows cite (their `source_ids` lists, else their `source_id`); None
    for rows that cite none by column (the data dictionary: a citation then lists every source)."""
    for name, split in (("source_ids", True), ("source_id", False)):
        if name in rows.columns:
            cells = rows[name].dropna().astype(str)
            ids = cells.str.split(LIST_SEPARATOR).explode() if split else cells
            return frozenset(ids.str.strip()) - {""}
    return None


def citation_zip(
    frame: pd.DataFrame,
    csv_name: str,
    view: ViewDescription,
    facts: Facts,
    today: dt.date,
    extra_files: Mapping[str, str | bytes] | None = None,
) -> bytes:
    """A zip of the safe CSV, a datapackage.json describing it (a Frictionless Data Package that
    `frictionless validate` accepts), a README with the citation, and `extra_files` (name -> content)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(csv_name, safe_csv(frame))
        cited = sources_of_rows(frame)  # the view's sources, not every source of the data
        package = package_descriptor(frame, csv_name, view, facts, today, cited)
        archive.writestr("datapackage.json", json.dumps(package, indent=2, ensure_ascii=False))
        archive.writestr("README.txt", citation_readme(csv_name, view, facts, today, cited))
        for name, content in (extra_files or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def citation_readme(
    csv_name: str, view: ViewDescription, facts: Facts, today: dt.date, source_ids: frozenset[str] | None = None
) -> str:
    """The README of a download, in the run's language (its file names and columns stay English),
    listing the sources `source_ids` names (`sources_of_rows`; every source for None)."""
    filters = "\n".join(f"  {name}: {value}" for name, value in view.filters.items()) or "  " + _("(none)")
    cited = sources_cited(facts, source_ids).to_dict("records")
    sources = "\n".join(f"  [{s['source_id']}] {full_reference(s)}" for s in cited) or "  " + _("(none)")
    lines = [
        f"{_(DASHBOARD_TITLE)}: {view.page_title}",
        "",
        _("File: {file} (UTF-8, formulas neutralised: a cell starting with = + - @ has a leading ')").format(
            file=csv_name
        ),
        _("Link to this view: {link}").format(link=view.permalink),
        *(
            [
                _("This view's data at a URL (always the current data version): {address}").format(
                    address=view.data_address
                )
            ]
            if view.data_address
            else []
        ),
        *(
            [_("The whole data package at a URL: {address}").format(address=view.package_address)]
            if view.package_address
            else []
        ),
        _("Filters in force:"),
        filters,
        _("Data version: {version}").format(version=facts.version),
        _("Retrieved: {date}").format(date=today.isoformat()),
        "",
        _("Sources:"),
        sources,
        "",
        _(
            "Each row names the source of its facts (source_id, or source_ids), where the quote stands (locator) "
            "and the quote (the source's own words)."
        ),
        _("An empty cell means the source does not state the value; it is not zero."),
        _(
            "datapackage.json describes every column (its type, and what an empty cell means there) as a "
            "Frictionless Data Package; `frictionless validate datapackage.json` checks the CSV against it."
        ),
        _(
            "Sums: figures are added only when they share a status and a kind of flow, their recipients do not\n"
            "overlap and their periods lie inside the years chosen; a region's figures are never divided among,\n"
            "or counted for, its states."
        ),
        "",
        _("Suggested citation:"),
        f"  {dashboard_citation(facts, today, view.permalink, view.page_title)}",
        _("citation.bib and citation.ris hold the same for reference managers (Zotero, EndNote, Mendeley)."),
    ]
    return "\n".join(lines) + "\n"


def field_type(series: pd.Series) -> str:
    """The Table Schema type of a column as safe_csv writes it."""
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_numeric_dtype(series):
        return "number"
    return "string"


def csv_schema(frame: pd.DataFrame) -> dict:
    """The Table Schema of `frame` as written: each column's type, title and description
    (core.columns), and the empty cell as the one missing value."""
    fields = []
    for name in frame.columns:
        entry = column(str(name))
        fields.append(
            {
                "name": str(name),
                "type": field_type(frame[name]),
                "title": entry.heading,
                "description": entry.description,
            }
        )
    return {"fields": fields, "missingValues": [""]}


def package_descriptor(
    frame: pd.DataFrame,
    csv_name: str,
    view: ViewDescription,
    facts: Facts,
    today: dt.date,
    source_ids: frozenset[str] | None = None,
) -> dict:
    """The zip's datapackage.json: the downloaded CSV as the one resource, with the data's licence,
    the sources `source_ids` names (every source for None) and the link to the view."""
    package = facts.package
    drawn_on = ", ".join(view.tables)
    return {
        "profile": "tabular-data-package",
        "name": _slug(f"{package.name}-{view.name}"),
        "title": f"{package.title}: {view.page_title}",
        "description": (
            f"The rows of one view of the dashboard, retrieved {today.isoformat()}, drawn from the tables "
            f"{drawn_on} of data version {facts.version}. The view: {view.permalink}"
        ),
        "version": facts.version,
        "homepage": view.permalink,
        "created": f"{today.isoformat()}T00:00:00Z",  # Data Package wants a date-time
        "licenses": [item.descriptor() for item in package.licenses],
        "sources": [_source(record) for record in sources_cited(facts, source_ids).to_dict("records")],
        "resources": [
            {
                "name": _slug(view.name),
                "path": csv_name,
                "profile": "tabular-data-resource",
                "title": view.page_title,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": csv_schema(frame),
            }
        ],
    }


def _source(record: Mapping) -> dict[str, str]:
    """A source as a Data Package names it: title, author and where it can be read (a URL; never
    a path outside the package, such as the project's copy of the text)."""
    source = {"title": str(record["title"])}
    if not is_missing(record.get("author")):
        source["author"] = str(record["author"])
    if not is_missing(record.get("url")):
        source["path"] = str(record["url"])
    return source


def _slug(text: str) -> str:
    """A Data Package name: lower-case letters, digits and - _ . only."""
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-") or "view"


def citations(rows: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """Each row's one-line citation (core.reference.fact_citation), from its source_id, locator
    and quote; computed once per distinct fact, empty where the source is not in `sources`."""
    by_id = sources.set_index("source_id")
    keys = rows[["source_id", "locator", "quote"]]
    lines: dict[tuple, object] = {}
    for key in keys.drop_duplicates().itertuples(index=False, name=None):
        source_id, locator, quote = key
        known = not is_missing(source_id) and source_id in by_id.index and not is_missing(locator)
        lines[key] = fact_citation(by_id.loc[source_id], locator, str(quote)) if known else pd.NA
    return pd.Series([lines[key] for key in keys.itertuples(index=False, name=None)], index=rows.index, dtype="string")


def dictionary_table(package: PackageSpec) -> pd.DataFrame:
    """The Sources page's download: one row per field of every table of the package, its
    constraints as values a script can use (and in words, `allowed_values`); empty where none."""
    rows = [
        {
            "table": spec.name,
            "field": f.name,
            "field_title": f.title,
            "type": f.type,
            "unit": f.unit or None,
            "required": f.required,
            "unique": f.unique,
            "minimum": f.minimum,
            "maximum": f.maximum,
            "enum": LIST_SEPARATOR.join(f.enum) if f.enum else None,
            "pattern": f.pattern,
            "allowed_values": f.expectation(),
            "field_description": f.description,
        }
        for spec in package.resources
        for f in spec.fields
    ]
    types = {name: "string" for name in DICTIONARY_COLUMNS} | {
        "required": "bool",
        "unique": "bool",
        "minimum": "Float64",
        "maximum": "Float64",
    }
    return pd.DataFrame(rows, columns=list(DICTIONARY_COLUMNS)).astype(types)


DICTIONARY_COLUMNS = ("table", "field", "field_title", "type", "unit", "required", "unique", "minimum", "maximum",
                      "enum", "pattern", "allowed_values", "field_description")  # fmt: skip
