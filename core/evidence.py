"""Evidence: which sources state each fact, in which words, where (data/evidence.csv).

A fact (a row of money, events, figures or principles) has one or more evidence rows. The loader
checks them (`check_evidence`) and gives every fact row its evidence as columns
(`attach_evidence`), so the pages and downloads read one frame per table:

- `source_id`, `quote`, `locator`, `gloss`: the first evidence row, the one cards and hovers quote;
- `source_ids`, `publishers`, `urls`: every source that states the fact, in evidence order;
- `evidence_count`: how many evidence rows back it;
- `official`: whether a government's own record (a source of kind OFFICIAL_KIND) states it.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from core.columns import LIST_SEPARATOR
from core.datapackage import ResourceSpec
from core.i18n import _
from core.problems import Problem
from core.validation import report_rows

FACT_TABLES = ("money", "events", "figures", "principles")
OFFICIAL_KIND = "government record"  # sources.csv `kind` of a government's own page or document
KEY_SEPARATOR = "/"  # between the fields of a composite key, as translations.csv joins them
PRIMARY_COLUMNS = ("source_id", "quote", "locator", "gloss")
ALL_COLUMNS = ("source_ids", "publishers", "urls")
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
    named = evidence["resource"].astype("string") + "\x00" + evidence["key"].astype("string")
    known: set[str] = set()
    for resource in FACT_TABLES:
        frame = tables.get(resource)
        if frame is None or resource not in specs:
            continue
        keys = fact_keys(frame, specs[resource])
        known.update(resource + "\x00" + keys.dropna())
        backed = keys.isin(evidence.loc[evidence["resource"] == resource, "key"].astype("string"))
        unbacked = (~backed.fillna(False)).to_numpy(dtype=bool)
        key_column = specs[resource].primary_key[0]
        expected = _("at least one row in evidence.csv with resource {resource} and this key").format(resource=resource)
        report_rows(specs[resource].path, key_column, rows[resource], keys, unbacked, expected, problems)
    # Rows of a table that could not be read are not reported again: that table is a problem already.
    read = evidence["resource"].isin([r for r in FACT_TABLES if r in tables and r in specs]).fillna(False)
    dangling = (read & ~named.isin(known).fillna(False)).to_numpy(dtype=bool)
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


def attach_evidence(
    frame: pd.DataFrame, resource: str, spec: ResourceSpec, evidence: pd.DataFrame, sources: pd.DataFrame
) -> pd.DataFrame:
    """`frame` with its evidence columns (see the module's docstring); a new frame."""
    rows = evidence.loc[evidence["resource"] == resource].copy()
    rows["key"] = rows["key"].astype("string")
    by_source = sources.set_index("source_id")
    rows["publisher"] = rows["source_id"].astype("string").map(by_source["publisher"].astype("string"))
    rows["url"] = rows["source_id"].astype("string").map(by_source["url"].astype("string"))
    rows["official"] = rows["source_id"].astype("string").map(by_source["kind"].astype("string")) == OFFICIAL_KIND
    grouped = rows.groupby("key", sort=False, observed=True)
    first = grouped[list(PRIMARY_COLUMNS)].first()
    listed = pd.DataFrame(
        {
            "source_ids": grouped["source_id"].agg(_joined_once),
            "publishers": grouped["publisher"].agg(_joined_once),
            "urls": grouped["url"].agg(_joined_once),
            "evidence_count": grouped.size(),
            "official": grouped["official"].any(),
        }
    )
    keys = fact_keys(frame, spec)
    attached = first.join(listed).reindex(keys.to_numpy())
    out = frame.copy()
    for column in (*PRIMARY_COLUMNS, *ALL_COLUMNS):
        out[column] = pd.Series(attached[column].to_numpy(), index=frame.index, dtype="string").astype("category")
    out["evidence_count"] = pd.Series(attached["evidence_count"].to_numpy(), index=frame.index).astype("Int64")
    out["official"] = pd.Series(attached["official"].fillna(False).to_numpy(dtype=bool), index=frame.index)
    return out


def _joined_once(values: pd.Series) -> str | None:
    """The distinct non-empty values in order, joined; None when there are none."""
    distinct = list(dict.fromkeys(str(v) for v in values if not pd.isna(v)))
    return LIST_SEPARATOR.join(distinct) or None


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


def evidence_of(evidence: pd.DataFrame, resource: str, key: str) -> pd.DataFrame:
    """One fact's evidence rows, in the file's order."""
    return evidence[(evidence["resource"] == resource) & (evidence["key"] == key)]
