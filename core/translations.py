"""The data's own words in other languages: `translations.csv`, one row per translated cell.

A row names the cell (`resource`, `key`: the row's primary key, parts joined by '/', `field`), the
`language`, the `text` in that language and `english`: the English text it translates. When a
fact's English changes, its translation is stale until someone re-translates it and copies the
new English in; the validator names every missing or stale cell with its file, row and column.

Quotes are never translated (they are not in TRANSLATED_FIELDS): they stay as the source wrote them.
Missing translations do not stop the dashboard (the English shows instead); `python -m dashboard
validate` reports them, and the tests keep the bundled data complete.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from core.datapackage import DESCRIPTOR_NAME, PackageSpec
from core.evidence import FACT_TABLES, attach_evidence
from core.i18n import ENGLISH, LANGUAGES, N_, _
from core.problems import Problem
from core.validation import report_rows

if TYPE_CHECKING:
    from core.facts import Facts

RESOURCE = "translations"
KEY_SEPARATOR = "/"
# The words of the data a reader sees, per table. Codes, numbers and quotes are not translated.
TRANSLATED_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "sources": ("short_name", "author_affiliation", "note"),  # not the title: a reference gives it as printed
        "actors": ("name", "note"),
        "memberships": ("note",),
        "statuses": ("label", "description"),
        "flow_kinds": ("label", "description"),
        "categories": ("label", "description"),
        "money": ("description", "note"),
        "events": ("title", "description", "outcome"),
        "figures": ("unit", "description"),
        "principles": ("item", "list_title"),
        "evidence": ("gloss", "note", "states"),  # never the quote: it stays as the source wrote it
    }
)
# The descriptor's words (datapackage.yaml), which the Sources page and the downloads show: rows of
# translations.csv with resource `datapackage`, key a table ('money') or a field ('money.quote').
PACKAGE = "datapackage"
PACKAGE_RESOURCE_FIELDS = ("title", "description")
PACKAGE_FIELD_FIELDS = ("title", "description", "unit")
LANGUAGE_NAMES_EN = {"ru": N_("Russian")}  # in English; shown through _()


def row_keys(frame: pd.DataFrame, primary_key: tuple[str, ...] | list[str]) -> pd.Series:
    """Each row's key as translations.csv writes it: 'E01', 'CA5/KAZ', 'silk_road_1998/1'."""
    parts = [frame[name].astype("string") for name in primary_key]
    keys = parts[0]
    for part in parts[1:]:
        keys = keys + KEY_SEPARATOR + part
    return keys


def check_translations(facts: Facts) -> list[Problem]:
    """Every translated cell that is missing, stale (its English changed) or names nothing."""
    table = facts.extra.get(RESOURCE)
    if table is None:
        return []  # a package without translations is English only
    file = facts.package.resource(RESOURCE).path
    problems: list[Problem] = []
    english = _EnglishTexts(facts)
    package_texts = _package_texts(facts)
    seen: dict[tuple[str, str, str], set[str]] = {}
    rows = table.reset_index(drop=True).astype("string")
    for position, entry in enumerate(rows.itertuples(index=False)):
        row = position + 2  # the header is row 1
        resource, key, field, language = str(entry.resource), str(entry.key), str(entry.field), str(entry.language)
        allowed = (*PACKAGE_RESOURCE_FIELDS, *PACKAGE_FIELD_FIELDS) if resource == PACKAGE else ()
        if field not in TRANSLATED_FIELDS.get(resource, allowed):
            known = ", ".join(f"{r}.{f}" for r, fields in TRANSLATED_FIELDS.items() for f in fields)
            expected = _("a translated field, one of: {known}").format(known=known)
            problems.append(Problem(file, expected, row, "field", f"{resource}.{field}"))
            continue
        if language not in LANGUAGES or language == ENGLISH:
            others = ", ".join(lang for lang in LANGUAGES if lang != ENGLISH)
            expected = _("a language of the interface other than English ({others})").format(others=others)
            problems.append(Problem(file, expected, row, "language", language))
            continue
        current = package_texts.get((key, field)) if resource == PACKAGE else english.text(resource, key, field)
        if current is None:
            expected = _("the key of a row of {file} with a {field}").format(file=f"{resource}.csv", field=field)
            problems.append(Problem(file, expected, row, "key", key))
            continue
        if str(entry.english) != current:
            expected = _("the current English text, {text}, and a translation of it").format(text=repr(current))
            problems.append(Problem(file, expected, row, "english", str(entry.english)))
        if resource == PACKAGE:
            seen.setdefault((PACKAGE, "", language), set()).add(f"{key}|{field}")
        else:
            seen.setdefault((resource, field, language), set()).add(key)
    for language in LANGUAGES[1:]:
        done = seen.get((PACKAGE, "", language), set())
        for key, field in package_texts:
            if f"{key}|{field}" not in done:
                name = _(LANGUAGE_NAMES_EN[language]) if language in LANGUAGE_NAMES_EN else language
                expected = _("a {language} translation in {file} (resource {resource}, key {key}, field {field})")
                expected = expected.format(
                    language=name, file=f"{RESOURCE}.csv", resource=PACKAGE, key=key, field=field
                )
                problems.append(Problem(DESCRIPTOR_NAME, expected, column=f"{key}.{field}"))
    for resource, fields in TRANSLATED_FIELDS.items():
        for field in fields:
            for language in LANGUAGES[1:]:
                problems += english.untranslated(
                    resource, field, language, seen.get((resource, field, language), set())
                )
    return problems


def _package_texts(facts: Facts) -> dict[tuple[str, str], str]:
    """(key, field) -> English of every non-empty title, description and unit in the descriptor."""
    texts: dict[tuple[str, str], str] = {}
    for spec in facts.package.resources:
        for field in PACKAGE_RESOURCE_FIELDS:
            if getattr(spec, field):
                texts[(spec.name, field)] = getattr(spec, field)
        for column in spec.fields:
            for field in PACKAGE_FIELD_FIELDS:
                if getattr(column, field):
                    texts[(f"{spec.name}.{column.name}", field)] = getattr(column, field)
    return texts


class _EnglishTexts:
    """The English of every translatable cell, looked up by key (keys built once per table)."""

    def __init__(self, facts: Facts):
        self._facts = facts
        self._keys: dict[str, pd.Series] = {}

    def keys(self, resource: str) -> pd.Series | None:
        if resource not in self._keys:
            frame = self._facts.tables.get(resource)
            if frame is None:
                return None
            spec = self._facts.package.resource(resource)
            self._keys[resource] = pd.Series(range(len(frame)), index=row_keys(frame, spec.primary_key).to_numpy())
        return self._keys[resource]

    def text(self, resource: str, key: str, field: str) -> str | None:
        keys = self.keys(resource)
        frame = self._facts.tables.get(resource)
        if keys is None or frame is None or field not in frame.columns or key not in keys.index:
            return None
        value = frame[field].iloc[int(keys[key])]
        return None if pd.isna(value) else str(value)

    def untranslated(self, resource: str, field: str, language: str, done: set[str]) -> list[Problem]:
        keys, frame = self.keys(resource), self._facts.tables.get(resource)
        if keys is None or frame is None or field not in frame.columns:
            return []
        spec = self._facts.package.resource(resource)
        bad = (frame[field].notna().to_numpy(dtype=bool)) & ~keys.index.isin(list(done))
        name = _(LANGUAGE_NAMES_EN[language]) if language in LANGUAGE_NAMES_EN else language
        problems: list[Problem] = []
        expected = _("a {language} translation in {file} (resource {resource}, this row's key, field {field})").format(
            language=name, file=f"{RESOURCE}.csv", resource=resource, field=field
        )
        report_rows(spec.path, field, np.arange(len(frame)) + 2, frame[field].astype("string"), bad, expected, problems)
        return problems


def localise(facts: Facts, language: str) -> Facts:
    """`facts` with the translated fields in `language` where a translation exists (English
    elsewhere); quotes, codes and numbers unchanged. English returns `facts` itself."""
    table = facts.extra.get(RESOURCE)
    if language == ENGLISH or table is None:
        return facts
    chosen = table[table["language"].astype("string") == language].astype("string")
    package = _localised_package(facts.package, chosen[chosen["resource"] == PACKAGE])
    changed: dict[str, pd.DataFrame] = {}
    attributes = {field.name for field in dataclasses.fields(facts)}  # the others are in Facts.extra
    for resource, entries in chosen.groupby("resource", observed=True):
        name = str(resource)
        # The whole frame, the evidence columns the loader attached to a fact table included.
        frame = getattr(facts, name) if name in attributes else facts.extra.get(name)
        if frame is None or name not in TRANSLATED_FIELDS or name not in facts.package.resource_names:
            continue
        keys = row_keys(frame, facts.package.resource(name).primary_key)
        columns = {}
        for field, texts in entries.groupby("field", observed=True):
            if str(field) not in TRANSLATED_FIELDS[name] or str(field) not in frame.columns:
                continue
            by_key = dict(zip(texts["key"], texts["text"], strict=True))
            original = frame[str(field)]
            translated = keys.map(by_key).fillna(original.astype("string"))
            is_category = isinstance(original.dtype, pd.CategoricalDtype)
            columns[str(field)] = translated.astype("category" if is_category else original.dtype)
        changed[name] = frame.assign(**columns)
    main: dict[str, Any] = {name: changed.pop(name) for name in list(changed) if name in attributes}
    if "evidence" in main:  # the fact tables carry their first evidence row's gloss: translate it there too
        for name in FACT_TABLES:
            frame = main.get(name, getattr(facts, name))
            main[name] = attach_evidence(frame, name, facts.package.resource(name), main["evidence"], facts.sources)
    extra = MappingProxyType({**facts.extra, **changed})
    return dataclasses.replace(facts, language=language, package=package, extra=extra, **main)


def _localised_package(package: PackageSpec, entries: pd.DataFrame) -> PackageSpec:
    """The descriptor with its titles, descriptions and units translated where `entries` has them."""
    if entries.empty:
        return package
    words = {
        (str(k), str(f)): str(t) for k, f, t in zip(entries["key"], entries["field"], entries["text"], strict=True)
    }

    def translated(item: Any, key: str, fields: tuple[str, ...]) -> Any:
        changes = {field: words[(key, field)] for field in fields if (key, field) in words and getattr(item, field)}
        return dataclasses.replace(item, **changes) if changes else item

    resources = tuple(
        translated(
            dataclasses.replace(
                spec, fields=tuple(translated(f, f"{spec.name}.{f.name}", PACKAGE_FIELD_FIELDS) for f in spec.fields)
            ),
            spec.name,
            PACKAGE_RESOURCE_FIELDS,
        )
        for spec in package.resources
    )
    return dataclasses.replace(package, resources=resources)
