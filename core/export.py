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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from core.facts import Facts
from core.i18n import _
from core.reference import DASHBOARD_TITLE, dashboard_citation, full_reference

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
    """What a download's README says about the view it came from."""

    page_title: str
    permalink: str
    filters: Mapping[str, str]
    tables: Sequence[str]


def citation_zip(frame: pd.DataFrame, csv_name: str, view: ViewDescription, facts: Facts, today: dt.date) -> bytes:
    """A zip of the safe CSV, the metadata of the tables it draws on, and a README with the citation."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(csv_name, safe_csv(frame))
        archive.writestr("datapackage.json", json.dumps(_metadata(facts, view.tables), indent=2, ensure_ascii=False))
        archive.writestr("README.txt", citation_readme(csv_name, view, facts, today))
    return buffer.getvalue()


def citation_readme(csv_name: str, view: ViewDescription, facts: Facts, today: dt.date) -> str:
    """The README of a download, in the run's language (its file names and columns stay English)."""
    filters = "\n".join(f"  {name}: {value}" for name, value in view.filters.items()) or "  " + _("(none)")
    sources = "\n".join(f"  [{s['source_id']}] {full_reference(s)}" for s in facts.sources.to_dict("records"))
    lines = [
        f"{_(DASHBOARD_TITLE)}: {view.page_title}",
        "",
        _("File: {file} (UTF-8, formulas neutralised: a cell starting with = + - @ has a leading ')").format(
            file=csv_name
        ),
        _("Link to this view: {link}").format(link=view.permalink),
        _("Filters in force:"),
        filters,
        _("Data version: {version}").format(version=facts.version),
        _("Retrieved: {date}").format(date=today.isoformat()),
        "",
        _("Sources:"),
        sources,
        "",
        _("Each row carries source_id, quote (the source's own words) and paragraph (the title is 1)."),
        _("An empty cell means the source does not state the value; it is not zero."),
        _(
            "Sums: figures are added only when they share a status and a kind of flow, their recipients do not\n"
            "overlap and their periods lie inside the years chosen; a region's figures are never divided among,\n"
            "or counted for, its states."
        ),
        "",
        _("Suggested citation:"),
        f"  {dashboard_citation(facts, today, view.permalink)}",
    ]
    return "\n".join(lines) + "\n"


def _metadata(facts: Facts, tables: Sequence[str]) -> dict:
    resources = []
    for name in tables:
        spec = facts.package.resource(name)
        resources.append(
            {
                "name": spec.name,
                "title": spec.title,
                "description": spec.description,
                "fields": [
                    {"name": f.name, "title": f.title, "type": f.type, "unit": f.unit, "description": f.description}
                    for f in spec.fields
                ],
            }
        )
    return {
        "name": facts.package.name,
        "title": facts.package.title,
        "version": facts.version,
        "licenses": [item.descriptor() for item in facts.package.licenses],
        "resources": resources,
    }
