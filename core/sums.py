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

import numpy as np
import pandas as pd

from core.formatting import format_usd
from core.scopes import UNKNOWN, Scopes

APPROXIMATE = ("approximately", "some")  # the source's words for "about this much"
AT_LEAST = ("more than",)  # and for "this much or more"
NO_PERIOD = "no stated period"
NO_END = "no stated end"
OUTSIDE = "partly outside the years chosen"
LISTED = 12  # ids named in a sentence; a big data set has thousands


@dataclass(frozen=True)
class Sum:
    """What a set of figures adds up to under the rule, and what it leaves apart and why.

    The ids are the first LISTED only (a big data set adds thousands); the counts are complete.
    """

    total: int | None  # None: the figures cannot be added (see reason)
    qualifier: str | None  # "approximately", "at least", a lone figure's own word, or None
    added: tuple[str, ...]  # the first LISTED ids the total adds
    added_count: int
    apart: tuple[tuple[str, str], ...]  # the first LISTED (id, why it is not added: its period)
    apart_count: int
    reason: str  # why there is no total; "" when there is one
    vague: int = 0  # how many of the added figures the source qualifies

    def words(self, short: bool = False) -> str:
        """'approximately US$19 bn' (or '≈ US$19 bn' when `short`), or 'no total'."""
        return "no total" if self.total is None else format_usd(self.total, self.qualifier, short)

    def added_words(self) -> str:
        """'2 figures: M02, M05'."""
        return f"{self.added_count:,} figure{'s' if self.added_count != 1 else ''}: " + listed(
            list(self.added), self.added_count
        )

    def apart_words(self) -> str:
        """'M01 (no stated end); M03 (no stated period)', the first LISTED named."""
        return listed([f"{fid} ({why})" for fid, why in self.apart], self.apart_count)


def listed(items: list[str], total: int | None = None) -> str:
    """The first LISTED items, then how many more of `total`."""
    more = (len(items) if total is None else total) - min(len(items), LISTED)
    return "; ".join(items[:LISTED]) + (f"; and {more:,} more" if more > 0 else "")


def period_problems(start: pd.Series, end: pd.Series, years: tuple[int, int] | None) -> np.ndarray:
    """Per figure, why its period keeps it out of a total for `years` ("" when it lies inside)."""
    no_period = start.isna().to_numpy(dtype=bool)
    no_end = ~no_period & end.isna().to_numpy(dtype=bool)
    problems = np.full(len(start), "", dtype=object)
    problems[no_period] = NO_PERIOD
    problems[no_end] = NO_END
    if years is not None:
        dated = ~no_period & ~no_end
        outside = ((start < years[0]) | (end > years[1])).to_numpy(dtype=bool, na_value=False) & dated
        problems[outside] = OUTSIDE
    return problems


def add_up(
    figures: pd.DataFrame,
    scopes: Scopes,
    years: tuple[int, int] | None = None,
    names: Mapping[str, str] | None = None,
) -> Sum:
    """Apply the rule to `figures` (columns flow_id, amount_usd, qualifier, status, kind,
    recipient_code, year_start, year_end; status_label and kind_label are used when present).
    `years`: the years chosen (None: any stated period counts as inside). `names`: recipient names
    for the reason sentence. Vectorised: a million figures are one pass, not a loop."""
    problems = period_problems(figures["year_start"], figures["year_end"], years)
    out = problems != ""
    apart_rows = figures[out]
    apart = tuple(zip(apart_rows["flow_id"].head(LISTED).astype(str), problems[out][:LISTED], strict=False))
    inside = figures[~out]
    if inside.empty:
        reason = "none of them has a stated period inside the years chosen" if len(figures) else "no figure"
        return Sum(None, None, (), 0, apart, int(out.sum()), reason)
    reason = _why_not(inside, scopes, names or {})
    if reason:
        return Sum(None, None, (), 0, apart, int(out.sum()), reason)
    words = inside["qualifier"].dropna().astype(str)
    qualifier = _qualifier(list(words.unique())) if len(inside) > 1 else (str(words.iloc[0]) if len(words) else None)
    amounts = inside["amount_usd"].to_numpy(dtype="int64")
    vague = amounts[inside["qualifier"].notna().to_numpy(dtype=bool)]
    total = int(amounts.sum())
    if qualifier == "approximately" and len(inside) > 1:
        total = _to_precision(total, vague)  # a lower bound ("at least") stays exact
    ids = tuple(inside["flow_id"].head(LISTED).astype(str))
    return Sum(total, qualifier, ids, len(inside), apart, int(out.sum()), "", len(vague))


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
        # Distinct values first: a million figures have three statuses (no per-row Python).
        if len(pd.unique(figures[column].astype(str))) > 1:
            shown = figures[label] if label in figures.columns else figures[column]
            return f"they are of different {what} ({', '.join(str(v) for v in pd.unique(shown.astype(str)))})"
    overlaps = scopes.overlapping(pd.unique(figures["recipient_code"].astype(str)))
    if overlaps:
        outer, inner, relation = overlaps[0]
        outer_name, inner_name = names.get(outer, outer), names.get(inner, inner)
        if relation == UNKNOWN:
            return f"the source leaves open whether {outer_name} includes {inner_name}, so their figures may overlap"
        return f"{outer_name} includes {inner_name}, so the figure for {outer_name} may already hold {inner_name}'s"
    return ""


def _to_precision(total: int, vague: np.ndarray) -> int:
    """`total` rounded to the precision of its least precise vague term (12 bn and 7 bn: whole
    billions), so a sum claims no more precision than the source gave."""
    step = int(_precisions(vague).max()) if len(vague) else 1
    return int(math.floor(total / step + 0.5) * step)


def _precisions(amounts: np.ndarray) -> np.ndarray:
    """Per amount, the largest power of ten that divides it (its last stated digit), at least 1."""
    steps = np.ones(len(amounts), dtype="int64")
    for power in range(1, 16):
        steps[(amounts != 0) & (amounts % 10**power == 0)] = 10**power
    return steps
