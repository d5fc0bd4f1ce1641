"""Citations as files reference managers import: BibTeX and RIS (Zotero, EndNote, Mendeley).

One entry per source the view draws on, and one for the view itself (the dashboard page, its data
version, permalink and date retrieved). Built from the sources table, never typed by hand; a gap
(no month, no publisher, no URL) is left out of the entry rather than invented.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from core.facts import Facts
from core.formatting import is_missing
from core.i18n import _
from core.reference import DASHBOARD_TITLE, author_name, is_organisation, short_citation, sources_cited
from core.scalars import as_int

_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Characters TeX reads as commands; in a field they must be escaped or a parser loses the entry.
_TEX_SPECIAL = re.compile(r"([{}%&$#_^~\\])")
_TEX_ESCAPES = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


@dataclass(frozen=True)
class CitedView:
    """The view a citation names: the page's title, its permalink, the data version, the day."""

    page_title: str
    permalink: str
    version: str
    retrieved: dt.date
    # The sources the view's rows draw on; None: every source (a page of all of them, the Sources page).
    source_ids: frozenset[str] | None = None


def bibtex(facts: Facts, view: CitedView) -> str:
    """A .bib file: the view's entry, then one per source it draws on."""
    entries = [
        _view_bibtex(facts, view),
        *(_source_bibtex(s) for s in sources_cited(facts, view.source_ids).to_dict("records")),
    ]
    return "\n".join(entries)


def ris(facts: Facts, view: CitedView) -> str:
    """A .ris file: the view's record, then one per source it draws on."""
    records = [
        _view_ris(facts, view),
        *(_source_ris(s) for s in sources_cited(facts, view.source_ids).to_dict("records")),
    ]
    return "".join(records)


def _source_bibtex(source: Mapping[Hashable, object]) -> str:
    fields = {
        # An organisation in braces: BibTeX would otherwise read its last word as a surname.
        "author": "{" + _tex(str(source["author"])) + "}" if is_organisation(source) else _tex(author_name(source)),
        "title": "{" + _tex(str(source["title"])) + "}",  # inner braces keep the title's capitals
        "year": str(as_int(source["year"])),
        "language": _tex(str(source["language"])),
    }
    if not is_missing(source.get("month")):
        fields["month"] = _BIBTEX_MONTHS[as_int(source["month"]) - 1]
    if not is_missing(source.get("publisher")):
        fields["publisher"] = _tex(str(source["publisher"]))
    if not is_missing(source.get("url")):
        fields["url"] = str(source["url"])
    return _bibtex_entry("misc", str(source["source_id"]), fields)


def _view_bibtex(facts: Facts, view: CitedView) -> str:
    fields = {
        "title": "{" + _tex(f"{_(DASHBOARD_TITLE)} — {view.page_title}") + "}",
        "howpublished": _tex(_("Interactive dashboard")),
        "version": _tex(view.version),
        "year": str(view.retrieved.year),
        "url": view.permalink,
        "urldate": view.retrieved.isoformat(),
        "note": _tex(_drawn_from(facts, view)),
    }
    return _bibtex_entry("misc", f"japan_central_asia_dashboard_{view.version}", fields)


def _drawn_from(facts: Facts, view: CitedView) -> str:
    sources = sources_cited(facts, view.source_ids)
    return _("Data version {version}; facts drawn from {sources}.").format(
        version=view.version, sources=short_citation(facts.sources, sources["source_id"])
    )


def _bibtex_entry(kind: str, key: str, fields: Mapping[str, str]) -> str:
    # A month is a BibTeX macro (aug), written bare; every other value braced.
    lines = [f"  {name} = {value if name == 'month' else '{' + value + '}'}," for name, value in fields.items()]
    return "@" + kind + "{" + re.sub(r"[^A-Za-z0-9_:-]", "_", key) + ",\n" + "\n".join(lines) + "\n}\n"


def _tex(text: str) -> str:
    return _TEX_SPECIAL.sub(lambda m: _TEX_ESCAPES.get(m.group(1), "\\" + m.group(1)), " ".join(text.split()))


def _source_ris(source: Mapping[Hashable, object]) -> str:
    year = as_int(source["year"])
    month = "" if is_missing(source.get("month")) else f"{as_int(source['month']):02d}"
    tags = [
        ("TY", "GEN"),
        ("AU", author_name(source)),
        ("TI", str(source["title"])),
        ("PY", str(year)),
        ("DA", f"{year}/{month}//"),
        ("LA", str(source["language"])),
        ("ID", str(source["source_id"])),
    ]
    if not is_missing(source.get("publisher")):
        tags.append(("PB", str(source["publisher"])))
    if not is_missing(source.get("url")):
        tags.append(("UR", str(source["url"])))
    return _ris_record(tags)


def _view_ris(facts: Facts, view: CitedView) -> str:
    tags = [
        ("TY", "ELEC"),
        ("TI", f"{_(DASHBOARD_TITLE)} — {view.page_title}"),
        ("PY", str(view.retrieved.year)),
        ("Y2", view.retrieved.strftime("%Y/%m/%d")),  # the date accessed
        ("ET", view.version),  # the edition: the data version the figures come from
        ("UR", view.permalink),
        ("N1", _drawn_from(facts, view)),
    ]
    return _ris_record(tags)


def _ris_record(tags: list[tuple[str, str]]) -> str:
    # RIS: 'XX  - value', one tag per line, a record closed by 'ER  - '. A line break inside a value
    # would start a new tag, so values are kept on one line.
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in tags]
    return "\r\n".join([*lines, "ER  - ", ""]) + "\r\n"
