"""References, citations and the data dictionary, built from the data and its metadata.

The words are the run's language (core.i18n); the data's own words (names, the source's title) stay
as the data gives them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from core import i18n
from core.datapackage import ResourceSpec
from core.facts import Facts
from core.formatting import NOT_STATED, first_and_more, is_missing
from core.i18n import N_, _, ngettext, pgettext
from core.scalars import as_int

DASHBOARD_TITLE = N_("Japan and Central Asia: aid, investment and dialogue")  # shown through _()


def _as_written(text: str, language: str | None) -> str:
    return text


def full_reference(
    source: pd.Series | Mapping[Hashable, object], words: Callable[[str, str | None], str] = _as_written
) -> str:
    """'Usubaliev, Esen (August 2020). Title. Publisher. Language: en.' with gaps said plainly.
    `source`: a row of the sources table, as a Series or as a record (`to_dict("records")`).
    `words(text, language)` writes each of the data's words: the title in the source's `language`,
    the rest with None. As they are by default (a file); a page escapes them and marks the title."""
    published = _published(source)
    publisher = source.get("publisher")
    parts = [
        # The author's and publisher's names as the data gives them, in English (the data's language).
        f"{words(author_name(source), DATA_LANGUAGE)} ({published}).",
        f"{words(str(source['title']), str(source['language']))}.",
        _("Publisher not stated.") if is_missing(publisher) else f"{words(str(publisher), DATA_LANGUAGE)}.",
        _("Language: {language}.").format(language=_language_name(str(source["language"]))),
    ]
    if not is_missing(source.get("url")):
        parts.append(words(str(source["url"]), None))
    return " ".join(parts)


def _language_name(code: str) -> str:
    """The source's language: its ISO 639-1 code in English, as the references have always given it;
    its name in another interface language ('английский'), whose readers need not decode the code."""
    if i18n.current_language() == i18n.ENGLISH:
        return code
    try:
        return Locale.parse(code).get_display_name(i18n.locale()) or code
    except (ValueError, UnknownLocaleError):
        return code


def dashboard_citation(
    facts: Facts,
    retrieved: dt.date,
    link: str | None = None,
    page_title: str | None = None,
    sources: str | None = None,
) -> str:
    """How to cite what the dashboard shows: its title (and the page's), the data version, so the
    figures can be traced, each source it draws on by author, date and title, the view's link and
    the date retrieved. `sources`: `sources_in_brief(facts)`, if the caller keeps it."""
    title = _(DASHBOARD_TITLE) if page_title is None else f"{_(DASHBOARD_TITLE)} — {page_title}"
    citation = _("{title} [interactive dashboard], data version {version}. Facts drawn from {sources}.").format(
        title=title, version=facts.version, sources=sources_in_brief(facts) if sources is None else sources
    )
    where = f" {link}." if link else ""
    return citation + where + " " + _("Retrieved {date}.").format(date=retrieved.isoformat())


def sources_in_brief(facts: Facts, source_ids: Collection[str] | None = None) -> str:
    """The sources `source_ids` names (every source for None), in the sources table's order, as the
    dashboard's citation names them, in the interface's language. The pages keep every source's
    list per data version and language (components.data.derived): built on every rerun, row by row
    from the sources table, it cost ~6 ms a rerun of every page (88 sources)."""
    return "; ".join(_source_in_brief(source) for source in sources_cited(facts, source_ids).to_dict("records"))


def sources_cited(facts: Facts, source_ids: Collection[str] | None) -> pd.DataFrame:
    """The rows of the sources table `source_ids` names (every source for None), in its order."""
    return facts.sources if source_ids is None else facts.sources[facts.sources["source_id"].isin(source_ids)]


def _source_in_brief(source: Mapping[Hashable, object]) -> str:
    """'Usubaliev, Esen (August 2020), “Central Asia plus Japan: …”'."""
    return _("{author} ({date}), “{title}”").format(
        author=author_name(source), date=_published(source), title=source["title"]
    )


def _published(source: pd.Series | Mapping[Hashable, object]) -> str:
    """'August 2020' / 'август 2020': the month's name in the interface's language; the year alone
    where the source states no month."""
    year = as_int(source["year"])
    if is_missing(source.get("month")):
        return str(year)
    return format_date(dt.date(year, as_int(source["month"]), 1), "LLLL y", locale=i18n.current_language())


DATA_LANGUAGE = "en"  # the language of the data's own words (names, publishers) before translation
SHORT_CITATION_NAMES = 3  # a chart's source line names at most this many sources, then how many more


def short_citation(sources: pd.DataFrame, source_ids: Iterable[str], limit: int | None = SHORT_CITATION_NAMES) -> str:
    """'Usubaliev (2020); MOFA Japan (2004–2025); JICA (2010–2024) and 4 more': each source's short
    name (`short_name`, else the author's surname) with its year or span of years, one entry per
    name in the order first named; past `limit` names, how many more. Ids the table does not hold
    stand as themselves."""
    by_id = sources.set_index("source_id")
    years: dict[str, list[int]] = {}
    for source_id in dict.fromkeys(source_ids):
        if source_id not in by_id.index:
            years.setdefault(str(source_id), [])
            continue
        row = by_id.loc[source_id]
        short = row.get("short_name")
        name = str(short) if not is_missing(short) else str(row["author"]).split()[-1]
        years.setdefault(name, []).append(as_int(row["year"]))
    parts = [f"{name} ({i18n.years(min(ys), max(ys))})" if ys else name for name, ys in years.items()]
    return first_and_more(parts, limit or len(parts), total=len(parts), separator="; ") if parts else ""


def fact_citation(source: pd.Series | Mapping[Hashable, object], locator: object, quote: str) -> str:
    """One fact's one-line citation: 'Usubaliev, Esen (2020). Central Asia plus Japan: …, ¶17: “…”.'
    `source`: its row of the sources table; `locator` where the quote stands (evidence.csv)."""
    return _("{author} ({year}). {title}, {locator}: “{quote}”.").format(
        author=author_name(source),
        year=as_int(source["year"]),
        title=source["title"],
        locator=locator,
        quote=quote,
    )


def data_dictionary(spec: ResourceSpec) -> pd.DataFrame:
    """One row per field: what it is called, means, and holds. The column names are identifiers
    (the same in every language, as a download's header); `dictionary_headings` names them on screen."""
    yes, no = _("yes"), _("no")
    return pd.DataFrame(
        [
            {
                "field": f.name,
                "title": f.title,
                "type": f.type,
                "unit": f.unit or "",
                "required": yes if f.required else no,
                "allowed values": f.expectation(),
                "description": f.description,
            }
            for f in spec.fields
        ]
    )


def dictionary_headings() -> dict[str, str]:
    """The data dictionary's columns as an on-screen table names them, in the run's language."""
    return {
        "table": pgettext("data dictionary", "table"),
        "field": pgettext("data dictionary", "field"),
        "title": pgettext("data dictionary", "title"),
        "type": pgettext("data dictionary", "type"),
        "unit": pgettext("data dictionary", "unit"),
        "required": pgettext("data dictionary", "required"),
        "allowed values": pgettext("data dictionary", "allowed values"),
        "description": pgettext("data dictionary", "description"),
    }


def is_organisation(source: pd.Series | Mapping[Hashable, object]) -> bool:
    """Whether the author is an organisation: the data names the publisher as the author (a
    ministry's page has no person's name)."""
    return not is_missing(source.get("publisher")) and str(source.get("author")) == str(source.get("publisher"))


def author_name(source: pd.Series | Mapping[Hashable, object]) -> str:
    """'Usubaliev, Esen' for a person; an organisation's name as it is ('Ministry of Foreign Affairs of Japan')."""
    name = str(source["author"])
    return name if is_organisation(source) else _surname_first(name)


def _surname_first(name: str) -> str:
    parts = name.split()
    return name if len(parts) < 2 else f"{parts[-1]}, {' '.join(parts[:-1])}"


@dataclass(frozen=True)
class SourceEntry:
    """One source as the Sources page lists it: its row and how many facts it states."""

    source: dict[Hashable, object]
    facts: int


def sources_by_publisher(sources: pd.DataFrame, evidence: pd.DataFrame) -> list[tuple[str | None, list[SourceEntry]]]:
    """The sources grouped by publisher (None: the source names none, listed last), each with the
    number of facts it states (evidence rows naming it, a fact counted once), most facts first."""
    named = evidence.assign(fact=evidence["resource"].astype(str) + "/" + evidence["key"].astype(str))
    counts = named.groupby(named["source_id"].astype(str))["fact"].nunique().to_dict()
    groups: dict[str | None, list[SourceEntry]] = {}
    for source in sources.to_dict("records"):
        publisher = None if is_missing(source.get("publisher")) else str(source["publisher"])
        groups.setdefault(publisher, []).append(SourceEntry(source, int(counts.get(str(source["source_id"]), 0))))
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, -sum(e.facts for e in item[1]), item[0] or ""))
    return [(publisher, sorted(entries, key=lambda e: -e.facts)) for publisher, entries in ordered]


SOURCE_KINDS = {
    "government record": N_("government record"),
    "statistics": N_("statistics"),
    "analysis": N_("analysis"),
    "news": N_("news"),
}


def source_facts_line(
    source: Mapping[Hashable, object], facts: int, words: Callable[[str, str | None], str] = _as_written
) -> str:
    """'Government record · dated 令和4年12月15日 · read 2026-12-04 · licence: not stated · 12 facts'.
    `words(text, language)` writes the data's own words (the date as printed, in the source's
    language; a licence as the site states it), as in full_reference."""
    kind = str(source.get("kind"))
    # A kind a user's descriptor adds is data: written by `words` (escaped on a page), not translated.
    parts = [_(SOURCE_KINDS[kind]) if kind in SOURCE_KINDS else words(kind, None)]
    printed = source.get("date_as_given")
    if printed == NOT_STATED:  # the data's words for a page that prints no date, in the run's language
        parts.append(_("no date printed"))
    elif not is_missing(printed):
        parts.append(_("dated {date}").format(date=words(str(printed), str(source.get("language")))))
    if not is_missing(source.get("retrieved")):
        parts.append(_("read {date}").format(date=words(str(source["retrieved"]), None)))
    licence = source.get("licence")
    stated = _(NOT_STATED) if licence == NOT_STATED else words(str(licence), DATA_LANGUAGE)
    parts.append(_("licence or terms: {licence}").format(licence=stated))
    parts.append(ngettext("{n} fact", "{n} facts", facts).format(n=i18n.number(facts)))
    return " · ".join(parts)
