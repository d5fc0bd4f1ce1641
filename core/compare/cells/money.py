"""Money cells: the one rule for sums (core.sums.add_up) over a country's figures of a metric's status
(and kind) that the filters keep. Their total when they can be added; a single figure as itself (one
figure is not a sum); otherwise no total, with the figures side by side and the reason.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core import i18n
from core.compare.cells.cell import NO_TOTAL, NOTES_LIMIT, Cell, Cells, FactNote, NoTotal, Stated, listed_sources
from core.compare.data import CompareData
from core.compare.params import Metric
from core.formatting import first_and_more, format_usd, is_missing
from core.i18n import _, ngettext
from core.scalars import as_int
from core.sums import (
    APART_REASONS,
    NO_FIGURE,
    NONE_ADDABLE,
    NONE_INSIDE,
    OUTSIDE,
    RULE_EXTRAS,
    Sum,
    add_up,
    apart_problems,
)

TERMS_IN_TEXT = 3  # figures named in a table cell's words; the hover names more, the fact ids all listed

# What add_up reads, and what a note about a figure shows.
SUM_COLUMNS = ["flow_id", "recipient_code", "amount", "currency", "qualifier", "year_start", "year_end", "kind",
               "status", "kind_label", "status_label"]  # fmt: skip
# The rule's own columns where the data has them (aggregates, stating parties, differing amounts).
RULE_COLUMNS = list(RULE_EXTRAS)
NOTE_COLUMNS = ["period", "quote", "source_id", "locator", "source_ids"]


def money_cells(data: CompareData, chosen: np.ndarray, metrics: list[Metric], years: tuple[int, int]) -> Cells:
    """Money cells of the `chosen` rows, one per (country, metric): add_up over the country's
    figures of the metric's status (and kind). `data.money` is largest first (money.money_view),
    so a group's first rows are the largest it names."""
    money, names = data.money, data.options.countries
    cells: Cells = {}
    # Only the columns the grouping needs: at a million rows a copy of every column is slow.
    rule = ["currency", *(c for c in RULE_EXTRAS if c in money.columns)]  # what apart_problems reads beyond these
    flows = money.loc[chosen, ["recipient_code", "kind", "status", "year_start", "year_end", *rule]]
    if flows.empty:
        return cells
    problems = apart_problems(flows, years)
    every_kind = flows.assign(problem=problems, inside=problems == "")
    for by_kind in (False, True):
        wanted = {(m.kind, m.status): m for m in metrics if (m.kind is not None) == by_kind}
        if not wanted:
            continue
        # "Japan's money" of a status adds only the kinds that are Japan's money (not trade both
        # ways); a kind's own metric is that kind's, whatever it is.
        flows = every_kind if by_kind or data.japans_kinds is None else every_kind[
            every_kind["kind"].isin(data.japans_kinds).to_numpy(dtype=bool)]  # fmt: skip
        inside = flows[flows["inside"]]
        keys = ["recipient_code", "kind", "status"] if by_kind else ["recipient_code", "status"]
        groups = flows.groupby(keys, observed=True, sort=False)
        kinds = inside.groupby(keys, observed=True, sort=False)["kind"].nunique()
        apart = flows[~flows["inside"]].groupby([*keys, "problem"], observed=True, sort=False).size()
        # NOTE: add_up reads each figure it is given in Python (about 10 µs a figure): a cell of
        # 80,000 figures took a second. A cell whose figures cannot be added (its grouped counts
        # show another kind or a period apart) gets a digest instead: the figures it names and the
        # first of each kind, on which add_up's verdict and sentence are the same. Only figures
        # that can all be added are all given to it, for their exact total (about 2 s for ten
        # cells of 25,000-50,000 figures each, all of one kind with closed periods).
        digest_index = groups.head(NOTES_LIMIT).index.union(
            inside.groupby([*keys, "kind"] if not by_kind else keys, observed=True, sort=False).head(1).index
        )
        extras = [c for c in RULE_COLUMNS if c in money.columns]
        notes = [c for c in NOTE_COLUMNS if c in money.columns]  # a frame of the rule's columns only has no source_ids
        digest = money.loc[digest_index, SUM_COLUMNS + extras + notes]
        digests = dict(list(digest.groupby(keys, observed=True, sort=False)))
        positions = groups.indices
        for key, size in groups.size().items():
            key = key if isinstance(key, tuple) else (key,)
            metric = wanted.get((key[1] if by_kind else None, key[-1]))
            if metric is None:
                continue
            code = str(key[0])
            whys = {why: int(apart.get((*key, why), 0)) for why in APART_REASONS}
            named = digests[key]
            listed = named.head(NOTES_LIMIT)
            addable = size > 1 and not any(whys.values()) and int(kinds.get(key, 0)) == 1
            figures = money.loc[flows.index[positions[key]], SUM_COLUMNS + extras] if addable else named
            total = add_up(figures, data.scopes, years, data.names)
            cells[(code, metric.id)] = _money_cell(
                code,
                names.get(code, code),
                metric,
                int(size),
                listed,
                total if addable else None,
                whys,
                None if addable else total,
            )
    return cells


def _money_notes(listed: pd.DataFrame) -> tuple[FactNote, ...]:
    notes = []
    if "source_ids" not in listed.columns:
        listed = listed.assign(source_ids=None)
    for row in listed[["flow_id", "amount", "currency", "qualifier", "kind_label", "period", "status_label", "quote",
                       "source_id", "locator", "source_ids"]].itertuples(index=False, name=None):  # fmt: skip
        flow_id, amount, currency, qualifier, kind_label, period, status_label, quote, source_id, locator, all_ids = row
        word = None if is_missing(qualifier) else str(qualifier)
        line = f"{format_usd(amount, word, currency=currency)} · {kind_label} · {period} · {status_label}"
        notes.append(FactNote(str(flow_id), line, str(quote), str(source_id), str(locator), as_int(amount), word,
                              listed_sources(all_ids)))  # fmt: skip
    return tuple(notes)


def _money_cell(
    code: str,
    name: str,
    metric: Metric,
    size: int,
    listed: pd.DataFrame,
    total: Sum | None,
    whys: dict[str, int],
    digest: Sum | None,
) -> Cell:
    """One figure as itself; the total add_up gives over every figure (`total`); else no total,
    with add_up's verdict on the cell's digest (`digest`)."""
    notes = _money_notes(listed)
    omitted = size - len(notes)
    if size == 1:
        (note,) = notes
        caveat = next((why for why, count in whys.items() if count), None)
        words = format_usd(note.amount, note.qualifier, currency=metric.currency)
        if caveat:
            period = str(listed["period"].iloc[0])
            words += f" ({_(caveat)})" if caveat != OUTSIDE else f" ({period}, {_(caveat)})"
        value = as_int(listed["amount"].iloc[0])  # required (datapackage.yaml)
        return Cell(code, name, metric.id, Stated(value, note.qualifier, caveat=caveat), words, notes)
    if total is not None and total.total is not None and not total.apart_count:
        adds = total.added_words()
        short = first_and_more([n.id for n in notes], TERMS_IN_TEXT, total=size)
        words = ngettext("{total} (total of {n} figure: {ids})", "{total} (total of {n} figures: {ids})", size).format(
            total=total.words(), n=i18n.number(size), ids=short
        )
        return Cell(code, name, metric.id, Stated(total.total, total.qualifier, adds=adds), words, notes, omitted)
    reason = _no_total_reason(digest or total, whys, size)
    terms = [f"{format_usd(n.amount, n.qualifier, currency=metric.currency)} ({n.id})" for n in notes[:TERMS_IN_TEXT]]
    words = _("{figures} — no total: {reason}").format(figures=first_and_more(terms, TERMS_IN_TEXT, total=size),
                                                       reason=reason)  # fmt: skip
    return Cell(code, name, metric.id, NoTotal(reason), words, notes, omitted)


def _no_total_reason(total: Sum | None, whys: dict[str, int], size: int) -> str:
    """Why a cell's figures have no total, in one sentence: add_up's reason about kinds (or
    statuses, scopes), then the periods that keep figures apart."""
    parts = []
    # add_up's reasons that say only that no figure's period lies inside the years (in the run's
    # language, as Sum.reason is): said per period here.
    period_only = (_(NONE_INSIDE), _(NONE_ADDABLE), _(NO_FIGURE))
    if total is not None and total.total is None and total.reason not in period_only:
        parts.append(total.reason)
    for why, count in whys.items():
        if count:
            parts.append(_(why) if count == size else _("{why} ({count} of {size})").format(
                why=_(why), count=i18n.number(count), size=i18n.number(size)))  # fmt: skip
    return "; ".join(parts) or (total.reason if total is not None else _(NO_TOTAL))
