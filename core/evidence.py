"""Evidence: which sources state each fact, in which words, where (data/evidence.csv).

A fact (a row of money, events, figures or principles) has one or more evidence rows. The loader
checks them (`check_evidence`) and gives every fact row its evidence as columns
(`attach_evidence`), so the pages and downloads read one frame per table:

- `source_id`, `quote`, `locator`, `gloss`: the first evidence row, the one cards and hovers quote;
- `source_ids`, `publishers`, `urls`: every source that states the fact, in evidence order;
- `evidence_count`: how many evidence rows back it;
- `official`: whether a government's own record (a source of kind OFFICIAL_KIND) states it;
- `differs_on`, `sources_differ`, `amount_differs`: where sources differ, what on (a date, an
  amount …), each value with its source ("date: 19–20 December 2025 (a); 20 December 2025 (b)"),
  and whether the amount is one of them (core.sums then adds the figure to nothing).

Sources differ when evidence rows of one fact name the same `differs_on` with different `states`:
every side of the difference has its row, so no value is the fact's silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from core.columns import LIST_SEPARATOR, QUOTE_SEPARATOR
from core.datapackage import ResourceSpec
from core.i18n import N_, _
from core.problems import Problem
from core.validation import report_rows

FACT_TABLES = ("money", "events", "figures", "principles")
OFFICIAL_KIND = "government record"  # sources.csv `kind` of a government's own page or document
KEY_SEPARATOR = "/"  # between the fields of a composite key, as translations.csv joins them
PRIMARY_COLUMNS = ("source_id", "quote", "locator", "gloss")
ALL_COLUMNS = ("source_ids", "publishers", "urls")
DIFFER_COLUMNS = ("differs_on", "sources_differ")
# What two sources may state differently about one fact (evidence.csv `differs_on`), in English,
# shown through _(): the codes stay untranslated, so the sum rule can read "amount" in any language.
DIFFERS_ON = {
    "date": N_("date"),
    "weekday": N_("day of the week"),
    "amount": N_("amount"),
    "place": N_("place"),
    "name": N_("name"),
    "count": N_("count"),
}
VALUE_SEPARATOR = "; "  # between the values of one difference in `sources_differ`
FIELD_SEPARATOR = " | "  # between differences on two things
# The script a quote in each source language must contain: a quote pasted from the wrong page (or
# a translation typed in place of the source's words) fails here.
SCRIPTS = {
    "ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "en": re.compile(r"[A-Za-z]"),
}


def fact_keys(frame: pd.DataFrame, spec: ResourceSpec) -> pd.Series:
    """Each row's primary key as evidence.csv writes it: fields joined with '/'."""
    parts = [frame[name].astype("string") for name in spec.primary_key]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + KEY_SEPARATOR + part
    return joined


def check_evidence(
    specs: dict[str, ResourceSpec],
    tables: dict[str, pd.DataFrame],
    rows: dict[str, np.ndarray],
    problems: list[Problem],
) -> None:
    """Every fact has evidence, every evidence row names a fact, and each quote is in its source's
    language, with an English gloss where that is not English."""
    evidence = tables.get("evidence")
    if evidence is None or not {"resource", "key", "source_id", "quote", "gloss"} <= set(evidence.columns):
        return
    spec = specs["evidence"]
    # Rows of a table that could not be read are not reported again: that table is a problem already.
    dangling = np.zeros(len(evidence), dtype=bool)
    for resource in FACT_TABLES:
        frame = tables.get(resource)
        if frame is None or resource not in specs:
            continue
        keys = fact_keys(frame, specs[resource])
        of_resource = (evidence["resource"] == resource).fillna(False).to_numpy(dtype=bool)
        evidence_keys = evidence["key"][of_resource]
        unbacked = ~_is_in(keys, evidence_keys)
        key_column = specs[resource].primary_key[0]
        expected = _("at least one row in evidence.csv with resource {resource} and this key").format(resource=resource)
        report_rows(specs[resource].path, key_column, rows[resource], keys, unbacked, expected, problems)
        dangling[of_resource] = ~_is_in(evidence_keys, keys)
    expected = _("the key of a row of the table named in 'resource'")
    report_rows(spec.path, "key", rows["evidence"], evidence["key"], dangling, expected, problems)
    sources = tables.get("sources")
    if sources is None or not {"source_id", "language"} <= set(sources.columns):
        return
    language = evidence["source_id"].map(sources.set_index("source_id")["language"]).astype("string")
    quote, gloss = evidence["quote"].astype("string"), evidence["gloss"]
    for code, script in SCRIPTS.items():
        wrong_script = ((language == code) & ~quote.str.contains(script)).fillna(False).to_numpy(dtype=bool)
        expected = _("a quote in the source's language ({language})").format(language=code)
        report_rows(spec.path, "quote", rows["evidence"], quote, wrong_script, expected, problems)
    splits = quote.str.contains(QUOTE_SEPARATOR, regex=False).fillna(False).to_numpy(dtype=bool)
    expected = _("a quote without '{separator}', which separates quotes in a download (a table row's cells: "
                 "'label：value')").format(separator=QUOTE_SEPARATOR.strip())  # fmt: skip
    report_rows(spec.path, "quote", rows["evidence"], quote, splits, expected, problems)
    english = (language == "en").fillna(False)
    no_gloss = (~english & language.notna() & gloss.isna()).to_numpy(dtype=bool)
    report_rows(
        spec.path, "gloss", rows["evidence"], quote, no_gloss,
        _("an English gloss of a quote from a source not in English"), problems,
    )  # fmt: skip
    stray_gloss = (english & gloss.notna()).to_numpy(dtype=bool)
    report_rows(
        spec.path, "gloss", rows["evidence"], gloss.astype("string"), stray_gloss,
        _("no gloss for a quote from an English source"), problems,
    )  # fmt: skip
    _check_differences(spec, evidence, rows["evidence"], problems)


def _is_in(values: pd.Series, allowed: pd.Series) -> np.ndarray:
    """Per value, whether it is one of `allowed` (text); an empty value is not.

    NOTE: in Arrow: pandas' isin on Arrow text makes a Python object of every allowed value
    (0.9 s of a 100,000-row load), as a set of them would."""
    found = pc.is_in(_text(values), value_set=_text(allowed), skip_nulls=True)
    return pc.fill_null(found, False).to_numpy(zero_copy_only=False)


def _check_differences(spec: ResourceSpec, evidence: pd.DataFrame, rows: np.ndarray, problems: list[Problem]) -> None:
    """`differs_on` and `states` come together, and a difference has at least two values: one
    source's value alone is no difference (each side of one has its row)."""
    if not {"differs_on", "states"} <= set(evidence.columns):
        return
    on, states = evidence["differs_on"].astype("string"), evidence["states"].astype("string")
    lone = (on.isna() != states.isna()).to_numpy(dtype=bool)
    expected = _("both differs_on and states, or neither")
    report_rows(spec.path, "states", rows, states, lone & on.notna().to_numpy(dtype=bool), expected, problems)
    report_rows(spec.path, "differs_on", rows, on, lone & on.isna().to_numpy(dtype=bool), expected, problems)
    named = (on.notna() & states.notna()).to_numpy(dtype=bool)
    # Only the few rows that name a difference: a point for every row held a million strings.
    differing = evidence[named]
    point = differing["resource"].astype("string") + "/" + differing["key"].astype("string") + "/" + on[named]
    values = states[named].groupby(point).transform("nunique")
    single = np.zeros(len(evidence), dtype=bool)
    single[np.flatnonzero(named)] = (values < 2).to_numpy(dtype=bool)
    expected = _("another evidence row of this fact stating a different value on the same point")
    report_rows(spec.path, "differs_on", rows, on, single, expected, problems)


def attach_evidence(
    frame: pd.DataFrame, resource: str, spec: ResourceSpec, evidence: pd.DataFrame, sources: pd.DataFrame
) -> pd.DataFrame:
    """`frame` with its evidence columns (see the module's docstring); a new frame."""
    rows = evidence.loc[(evidence["resource"] == resource).to_numpy(dtype=bool)]
    by_source = sources.set_index("source_id")
    # NOTE: each evidence row's fact is found by position, in Arrow, and the rows are gathered by
    # those integers. Grouping, joining and reindexing by the key text made a Python string of
    # every key, several times: the load's peak memory at a million facts (docs/performance.md).
    keys = _text(fact_keys(frame, spec))
    fact = _positions(rows["key"], keys)
    rows, fact = rows.loc[fact >= 0], fact[fact >= 0]  # an evidence row of no fact is a problem of the load's
    count = np.bincount(fact, minlength=len(frame))
    out = frame.copy()
    for column in PRIMARY_COLUMNS:  # the fact's first evidence row that states it
        stated = rows[column].notna().to_numpy(dtype=bool)
        facts, first = np.unique(fact[stated], return_index=True)
        out[column] = _per_fact(rows[column][stated].iloc[first], facts, frame.index)
    source_ids = _per_fact(_joined_once(rows, fact, "source_id"), None, frame.index)
    out["source_ids"] = source_ids
    out["publishers"] = _each_source(source_ids, by_source["publisher"])
    out["urls"] = _each_source(source_ids, by_source["url"])
    out["evidence_count"] = pd.Series(count, index=frame.index, dtype="Int64").mask(count == 0)
    kind = rows["source_id"].astype("string").map(by_source["kind"].astype("string"))
    official_rows = kind.eq(OFFICIAL_KIND).fillna(False).to_numpy(dtype=float)
    out["official"] = pd.Series(np.bincount(fact, weights=official_rows, minlength=len(frame)) > 0, index=frame.index)
    differences = _differences(rows) if {"differs_on", "states"} <= set(rows.columns) else None
    for column in DIFFER_COLUMNS:
        if differences is None:
            out[column] = pd.Series(None, index=frame.index, dtype="string").astype("category")
        else:
            at = _positions(differences.index.to_series(), keys)
            out[column] = _per_fact(differences[column], at, frame.index)
    out["amount_differs"] = out["differs_on"].astype("string").str.contains("amount", regex=False).fillna(False)
    return out


def _per_fact(values: pd.Series, facts: np.ndarray | None, index: pd.Index) -> pd.Series:
    """`values` of the facts at positions `facts` (None: `values` is indexed by them) as a column
    of text categories on the facts' `index`, empty for every other fact."""
    placed = pd.Series(values.array, index=values.index if facts is None else facts).reindex(range(len(index)))
    if isinstance(placed.dtype, pd.CategoricalDtype):  # a column of evidence.csv: no text made of its codes
        used = placed.cat.remove_unused_categories()
        # As text categories in text order, as every other text column's.
        words = used.cat.categories.astype("string")
        used = used.cat.rename_categories(cast("Sequence[str]", words)).cat.reorder_categories(words.sort_values())
        return used.set_axis(index)
    return placed.astype("string").astype("category").set_axis(index)


def _differences(rows: pd.DataFrame) -> pd.DataFrame:
    """Per fact key with a difference: the points (codes) and each value with its source."""
    differing = rows.dropna(subset=["differs_on", "states"])
    if differing.empty:
        return pd.DataFrame(columns=list(DIFFER_COLUMNS), index=pd.Index([], name="key"))
    points: dict[str, list[str]] = {}
    texts: dict[str, list[str]] = {}
    for (key, point), group in differing.groupby(["key", "differs_on"], sort=False, observed=True):
        values = [f"{state} ({source})" for state, source in zip(group["states"], group["source_id"], strict=True)]
        points.setdefault(str(key), []).append(str(point))
        texts.setdefault(str(key), []).append(f"{point}: " + VALUE_SEPARATOR.join(dict.fromkeys(values)))
    return pd.DataFrame(
        {
            "differs_on": {key: LIST_SEPARATOR.join(found) for key, found in points.items()},
            "sources_differ": {key: FIELD_SEPARATOR.join(found) for key, found in texts.items()},
        }
    )


def _joined_once(rows: pd.DataFrame, fact: np.ndarray, column: str) -> pd.Series:
    """Per fact position in `fact` (one per row of `rows`), the distinct non-empty values of
    `column` in their order, joined; facts with none are left out.

    NOTE: most facts have one evidence row, so only facts with several distinct values are joined
    in Python; joining every fact's values (groupby.agg) took 9 s of a 100,000-row load."""
    pairs = pd.DataFrame({"fact": fact, column: rows[column].astype("string").array}).dropna().drop_duplicates()
    several = pairs["fact"].duplicated(keep=False).to_numpy(dtype=bool)
    single = pd.Series(pairs[column].array[~several], index=pairs["fact"].to_numpy()[~several], dtype="string")
    joined = pairs[several].groupby("fact", sort=False)[column].agg(LIST_SEPARATOR.join)
    values = pd.concat([single, joined.astype("string")])
    return values.mask(values == "")  # nothing but empty text: none


def _each_source(source_ids: pd.Series, of_source: pd.Series) -> pd.Series:
    """Per list of source ids (categories), the distinct non-empty values `of_source` (indexed by
    source id) gives its sources, in the list's order, joined: a source's rows all give the same."""

    def listed(ids: str) -> str | None:
        values = (of_source.get(source) for source in ids.split(LIST_SEPARATOR))
        return LIST_SEPARATOR.join(dict.fromkeys(str(v) for v in values if v is not None and not pd.isna(v))) or None

    words = {ids: listed(str(ids)) for ids in source_ids.cat.categories}
    return source_ids.map(words).astype("string").astype("category")


def _text(values: pd.Series) -> pa.Array:
    return pa.array(values.astype("string"), from_pandas=True).cast(pa.large_string())


def _positions(values: pd.Series, keys: pa.Array) -> np.ndarray:
    """Each value's position in `keys`, or -1."""
    found = pc.index_in(_text(values), value_set=keys)
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False)


def check_documents(facts_sources: pd.DataFrame, evidence: pd.DataFrame, root: Path) -> tuple[list[Problem], list[str]]:
    """Each quote of a source the project holds a copy of (its `document`, under `root`) stands
    verbatim in the paragraph its locator names (¶N, blocks between blank lines, the title ¶1).

    Returns the problems and the documents that could not be read (not checked, not failed: a
    clone without the shared folder beside it)."""
    problems: list[Problem] = []
    missing: list[str] = []
    held = facts_sources.dropna(subset=["document"])
    for source_id, document in zip(held["source_id"].astype(str), held["document"].astype(str), strict=True):
        path = root / document
        if not path.is_file():
            missing.append(str(path))
            continue
        paragraphs = [block for block in path.read_text(encoding="utf-8").split("\n\n") if block.strip()]
        rows = evidence[evidence["source_id"].astype(str) == source_id]
        # The evidence frame keeps the file's order: its positions are the file's rows (the header is row 1).
        for position, row in zip(rows.index.to_list(), rows.itertuples(index=False), strict=True):
            at = int(position) + 2
            number = re.fullmatch(r"¶(\d+)", str(row.locator))
            index = int(number.group(1)) - 1 if number else -1
            paragraph = paragraphs[index] if 0 <= index < len(paragraphs) else None
            if paragraph is None:
                expected = _("a locator ¶N naming a paragraph of {document} (1 to {count})").format(
                    document=document, count=len(paragraphs)
                )
                problems.append(Problem("evidence.csv", expected, at, "locator", str(row.locator)))
            elif str(row.quote) not in paragraph:
                expected = _("words found verbatim in {locator} of {document}").format(
                    locator=row.locator, document=document
                )
                problems.append(Problem("evidence.csv", expected, at, "quote", str(row.quote)))
    return problems, missing


def difference_lines(rows: pd.DataFrame) -> list[str]:
    """For one fact's evidence rows: one sentence per point its sources state differently, naming
    every value ('Sources differ on the date: 19–20 December 2025; 20 December 2025.'), in the
    run's language; [] when they agree. Each value's source stands with its words (evidence_list)."""
    if not {"differs_on", "states"} <= set(rows.columns):
        return []
    differing = rows.dropna(subset=["differs_on", "states"])
    lines = []
    for point, group in differing.groupby("differs_on", sort=False, observed=True):
        values = VALUE_SEPARATOR.join(dict.fromkeys(str(v) for v in group["states"]))
        lines.append(
            _("Sources differ on the {point}: {values}. The dashboard picks neither; each source's value is beside "
              "its words below.").format(point=_(DIFFERS_ON.get(str(point), str(point))), values=values)
        )  # fmt: skip
    return lines


def differences_in_words(sources_differ: object) -> str:
    """A `sources_differ` cell for the screen, each point in the run's language ('сумма: 18 млрд
    долл. США (usubaliev_2020); …'): the cell keeps the points' codes, the CSV's vocabulary."""
    fields = []
    for field in str(sources_differ).split(FIELD_SEPARATOR):
        point, sep, values = field.partition(": ")
        fields.append(f"{_(DIFFERS_ON[point])}: {values}" if sep and point in DIFFERS_ON else field)
    return FIELD_SEPARATOR.join(fields)


def stated_value(row: object) -> str | None:
    """'This source's date: 20 December 2025', for an evidence row on a point where sources
    differ; None for a row that agrees."""
    point, value = getattr(row, "differs_on", None), getattr(row, "states", None)
    if point is None or value is None or pd.isna(point) or pd.isna(value):
        return None
    return _("This source's {point}: {value}").format(point=_(DIFFERS_ON.get(str(point), str(point))), value=value)


def evidence_of(evidence: pd.DataFrame, resource: str, key: str) -> pd.DataFrame:
    """One fact's evidence rows, in the file's order."""
    return evidence[(evidence["resource"] == resource) & (evidence["key"] == key)]
