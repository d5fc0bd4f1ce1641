"""References, citations and the data dictionary, built from the data and its metadata."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Hashable, Mapping

import pandas as pd

from core.datapackage import ResourceSpec
from core.facts import Facts
from core.formatting import NOT_STATED, is_missing
from core.scalars import as_int

DASHBOARD_TITLE = "Japan and Central Asia: aid, investment and dialogue"


def full_reference(source: pd.Series | Mapping[Hashable, object]) -> str:
    """'Usubaliev, Esen (August 2020). Title. Publisher. Language: en.' with gaps said plainly.
    `source`: a row of the sources table, as a Series or as a record (`to_dict("records")`)."""
    month = "" if is_missing(source.get("month")) else calendar.month_name[as_int(source["month"])] + " "
    publisher = source.get("publisher")
    parts = [
        f"{_surname_first(str(source['author']))} ({month}{as_int(source['year'])}).",
        f"{source['title']}.",
        f"Publisher {NOT_STATED}." if is_missing(publisher) else f"{publisher}.",
        f"Language: {source['language']}.",
    ]
    if not is_missing(source.get("url")):
        parts.append(str(source["url"]))
    return " ".join(parts)


def dashboard_citation(facts: Facts, retrieved: dt.date, link: str | None = None) -> str:
    """How to cite what the dashboard shows: names the data version, so the figures can be traced."""
    authors = "; ".join(_surname_first(a) for a in facts.sources["author"].dropna().unique())
    where = f" {link}." if link else ""
    return (
        f"{DASHBOARD_TITLE} (data version {facts.version}), facts drawn from {authors}. "
        f"Retrieved {retrieved.isoformat()}.{where}"
    )


def data_dictionary(spec: ResourceSpec) -> pd.DataFrame:
    """One row per field: what it is called, means, and holds."""
    return pd.DataFrame(
        [
            {
                "field": f.name,
                "title": f.title,
                "type": f.type,
                "unit": f.unit or "",
                "required": "yes" if f.required else "no",
                "allowed values": f.expectation(),
                "description": f.description,
            }
            for f in spec.fields
        ]
    )


def _surname_first(name: str) -> str:
    parts = name.split()
    return name if len(parts) < 2 else f"{parts[-1]}, {' '.join(parts[:-1])}"


def full_dictionary(facts: Facts) -> pd.DataFrame:
    """Every table's fields in one frame, for the Sources page's download."""
    frames = [data_dictionary(spec).assign(table=spec.name) for spec in facts.package.resources]
    combined = pd.concat(frames, ignore_index=True)
    return combined[["table", *[c for c in combined.columns if c != "table"]]]
