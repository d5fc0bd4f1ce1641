"""The one rule for adding money figures, used by every view and file that shows a sum.

Figures may be added only when they have the same status, the same kind of flow, scopes that do
not overlap (core.scopes) and periods inside the chosen years. Otherwise there is no total: the
figures stand side by side and `Sum.reason` says in one sentence why. A figure with no stated
period, no stated end, or a period reaching outside the years is listed apart (`Sum.apart`) and
never added. A total of vague figures is itself vague ("approximately", or "at least" when a
term is "more than") and has no more precision than its least precise vague term.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from core.formatting import format_usd, is_missing
from core.scalars import as_int
from core.scopes import UNKNOWN, Scopes

APPROXIMATE = ("approximately", "some")  # the source's words for "about this much"
AT_LEAST = ("more than",)  # and for "this much or more"
NO_PERIOD = "no stated period"
NO_END = "no stated end"
OUTSIDE = "partly outside the years chosen"
LISTED = 12  # ids named in a sentence; a big data set has thousands


@dataclass(frozen=True)
class Sum:
    """What a set of figures adds up to under the rule, and what it leaves apart and why."""

    total: int | None  # None: the figures cannot be added (see reason)
    qualifier: str | None  # "approximately", "at least" or None
    added: tuple[str, ...]  # the ids the total adds
    apart: tuple[tuple[str, str], ...]  # (id, why it is not added): its period
    reason: str  # why there is no total; "" when there is one
    vague: int = 0  # how many of the added figures the source qualifies

    def words(self, short: bool = False) -> str:
        """'approximately US$19 bn' (or '≈ US$19 bn' when `short`), or 'no total'."""
        return "no total" if self.total is None else format_usd(self.total, self.qualifier, short)

    def apart_words(self) -> str:
        """'M01 (no stated end); M03 (no stated period)', the first LISTED named."""
        return listed([f"{fid} ({why})" for fid, why in self.apart])


def listed(items: list[str], limit: int = LISTED) -> str:
    more = len(items) - limit
    return "; ".join(items[:limit]) + (f"; and {more:,} more" if more > 0 else "")


def period_problem(start: object, end: object, years: tuple[int, int] | None) -> str | None:
    """Why a figure's period keeps it out of a total for `years`, or None if it lies inside."""
    if is_missing(start):
        return NO_PERIOD
    if is_missing(end):
        return NO_END
    if years is not None and (as_int(start) < years[0] or as_int(end) > years[1]):
        return OUTSIDE
    return None


def add_up(
    figures: pd.DataFrame,
    scopes: Scopes,
    years: tuple[int, int] | None = None,
    names: Mapping[str, str] | None = None,
) -> Sum:
    """Apply the rule to `figures` (columns flow_id, amount_usd, qualifier, status, kind,
    recipient_code, year_start, year_end; status_label and kind_label are used when present).
    `years`: the years chosen (None: any stated period counts as inside). `names`: recipient names
    for the reason sentence."""
    problems = [period_problem(s, e, years) for s, e in zip(figures["year_start"], figures["year_end"], strict=True)]
    ids = figures["flow_id"].astype(str).tolist()
    apart = tuple((fid, why) for fid, why in zip(ids, problems, strict=True) if why)
    inside = figures[[why is None for why in problems]]
    if inside.empty:
        reason = "none of them has a stated period inside the years chosen" if len(figures) else "no figure"
        return Sum(None, None, (), apart, reason)
    reason = _why_not(inside, scopes, names or {})
    if reason:
        return Sum(None, None, (), apart, reason)
    qualifiers = [str(q) for q in inside["qualifier"] if not is_missing(q)]
    qualifier = _qualifier(qualifiers) if len(inside) > 1 else (qualifiers[0] if qualifiers else None)
    amounts = [as_int(a) for a in inside["amount_usd"]]
    vague = [a for a, q in zip(amounts, inside["qualifier"], strict=True) if not is_missing(q)]
    # A lower bound ("at least") stays exact; only an approximate sum is rounded.
    total = _to_precision(sum(amounts), vague) if qualifier == "approximately" else sum(amounts)
    return Sum(total, qualifier, tuple(inside["flow_id"].astype(str)), apart, "", len(vague))


def _qualifier(qualifiers: list[str]) -> str | None:
    """The word for a sum of terms with these words: one term's own word stays with it alone."""
    if any(q in APPROXIMATE for q in qualifiers):
        return "approximately"
    if any(q in AT_LEAST for q in qualifiers):
        return "at least"
    return "approximately" if qualifiers else None  # a word we do not know: still not exact


def _why_not(figures: pd.DataFrame, scopes: Scopes, names: Mapping[str, str]) -> str:
    """The one sentence that says why `figures` (all with periods inside the years) cannot be added."""
    for column, label, what in (("status", "status_label", "statuses"), ("kind", "kind_label", "kinds of flow")):
        distinct = list(dict.fromkeys(figures[column].astype(str)))
        if len(distinct) > 1:
            shown = figures[label].astype(str) if label in figures.columns else figures[column].astype(str)
            return f"they are of different {what} ({', '.join(dict.fromkeys(shown))})"
    overlaps = scopes.overlapping(figures["recipient_code"].astype(str))
    if overlaps:
        outer, inner, relation = overlaps[0]
        outer_name, inner_name = names.get(outer, outer), names.get(inner, inner)
        if relation == UNKNOWN:
            return f"the source leaves open whether {outer_name} includes {inner_name}, so their figures may overlap"
        return f"{outer_name} includes {inner_name}, so the figure for {outer_name} may already hold {inner_name}'s"
    return ""


def _to_precision(total: int, vague: list[int]) -> int:
    """`total` rounded to the precision of its least precise vague term (12 bn and 7 bn: whole
    billions), so a sum claims no more precision than the source gave."""
    step = max((_precision(a) for a in vague), default=1)
    return int(math.floor(total / step + 0.5) * step)


def _precision(amount: int) -> int:
    """The largest power of ten that divides `amount` (its last stated digit), at least 1."""
    step = 1
    while amount and amount % (step * 10) == 0:
        step *= 10
    return step
