"""The one rule for adding money figures, used by every view and file that shows a sum.

Figures may be added only when they have the same currency, status, kind of flow and stating
party (`stated_by`: Japan's government, a Central Asian one, or none), scopes that do not overlap
(core.scopes) and periods inside the chosen years; an aggregate (a cumulative figure or a total of
several) beside a figure of the same recipient, currency, status and kind whose period it overlaps,
and a figure whose sources differ on its amount, are listed apart with the others that are never
added (`apart_problems`), and the rest may still be added. Otherwise there is no total: the
figures stand side by side and `Sum.reason` says in one sentence why. A figure with no stated
period, no stated end, or a period reaching outside the years is listed apart (`Sum.apart`) and
never added. A total of vague figures is itself vague ("approximately", or "at least" when a
term is "more than") and has no more precision than its least precise vague term.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import i18n
from core.formatting import first_and_more, format_usd
from core.i18n import N_, _, ngettext
from core.scopes import UNKNOWN, Scopes

APPROXIMATE = ("approximately", "some")  # the source's words for "about this much"
AT_LEAST = ("more than",)  # and for "this much or more"
AT_MOST = ("up to",)  # and for a ceiling ("up to ¥39 bn": a loan's limit, not what was lent)
# Why a figure's period keeps it out of a total: `period_problems` gives these English phrases,
# which callers compare as identifiers; show them through _().
NO_PERIOD = N_("no stated period")
NO_END = N_("no stated end")
OUTSIDE = N_("partly outside the years chosen")
# Why a figure is apart though its period is inside: it is an aggregate that may hold a figure
# beside it, or its sources state different amounts (neither is picked). Also from `apart_problems`.
HOLDS_OTHERS = N_("an aggregate that may hold figures beside it")
AMOUNT_DIFFERS = N_("its sources differ on the amount")
APART_REASONS = (NO_PERIOD, NO_END, OUTSIDE, HOLDS_OTHERS, AMOUNT_DIFFERS)
# Reasons for no total that say only that no figure's period is inside the years. `Sum.reason` is
# in the run's language: compare with _(NONE_INSIDE) and _(NO_FIGURE).
NONE_INSIDE = N_("none of them has a stated period inside the years chosen")
NONE_ADDABLE = N_("none of them can be added: each is listed apart with the reason")  # not all for their periods
NO_FIGURE = N_("no figure")
LISTED = 12  # ids named in a sentence; a big data set has thousands
# Columns the rule reads when a table has them (a data set without them has no aggregates, one
# stating party and no differing amounts): `aggregate` (empty for a single figure), `stated_by`,
# and `amount_differs` (core.evidence: sources state different amounts).
RULE_EXTRAS = ("aggregate", "stated_by", "amount_differs")


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
    reason: str  # why there is no total, in the run's language; "" when there is one
    vague: int = 0  # how many of the added figures the source qualifies
    currency: str = "USD"  # of the total: the rule adds only figures of one currency

    def words(self, short: bool = False) -> str:
        """'approximately US$19 bn' (or '≈ US$19 bn' when `short`), or 'no total'."""
        return _("no total") if self.total is None else format_usd(self.total, self.qualifier, short, self.currency)

    def added_words(self) -> str:
        """'2 figures: M02; M05'."""
        return ngettext("{n} figure: {ids}", "{n} figures: {ids}", self.added_count).format(
            n=i18n.number(self.added_count), ids=first_and_more(self.added, LISTED, total=self.added_count)
        )

    def apart_words(self) -> str:
        """'M01 (no stated end); M03 (no stated period)', the first LISTED named."""
        return first_and_more([f"{fid} ({_(why)})" for fid, why in self.apart], LISTED, total=self.apart_count)


def period_problems(start: pd.Series, end: pd.Series, years: tuple[int, int] | None) -> np.ndarray:
    """Per figure, why its period keeps it out of a total for `years` ("" when it lies inside):
    NO_PERIOD, NO_END or OUTSIDE, in English (show them through _())."""
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


def apart_problems(figures: pd.DataFrame, years: tuple[int, int] | None) -> np.ndarray:
    """Per figure, why it is never added ("" when it may be): its period (`period_problems`), then
    AMOUNT_DIFFERS, then HOLDS_OTHERS for an aggregate beside a figure of the same recipient,
    currency, status and kind, itself not apart, whose period overlaps the aggregate's. English
    identifiers, shown through _(). The columns beyond the period are read where present."""
    problems = period_problems(figures["year_start"], figures["year_end"], years)
    if "amount_differs" in figures.columns:
        differs = figures["amount_differs"].fillna(False).to_numpy(dtype=bool)
        problems[differs & (problems == "")] = AMOUNT_DIFFERS
    if "aggregate" not in figures.columns:
        return problems
    aggregates = np.flatnonzero(figures["aggregate"].notna().to_numpy(dtype=bool) & (problems == ""))
    if not len(aggregates):
        return problems
    same = [figures[c].astype(str).to_numpy() for c in ("recipient_code", "currency", "status", "kind")]
    starts = figures["year_start"].to_numpy(dtype="float64", na_value=np.nan)
    ends = figures["year_end"].to_numpy(dtype="float64", na_value=np.nan)
    counted = problems == ""
    for i in aggregates:  # aggregates are few: a loop over them, not over the figures
        beside = counted.copy()
        beside[i] = False
        for column in same:
            beside &= column == column[i]
        if (beside & (starts <= ends[i]) & (ends >= starts[i])).any():
            problems[i] = HOLDS_OTHERS
    return problems


def add_up(
    figures: pd.DataFrame,
    scopes: Scopes,
    years: tuple[int, int] | None = None,
    names: Mapping[str, str] | None = None,
) -> Sum:
    """Apply the rule to `figures` (columns flow_id, amount, qualifier, status, kind,
    recipient_code, year_start, year_end; status_label and kind_label are used when present).
    `years`: the years chosen (None: any stated period counts as inside). `names`: recipient names
    for the reason sentence. Vectorised: a million figures are one pass, not a loop."""
    # Only the columns the rule reads: a selection below then copies a few columns, not all.
    wanted = ["flow_id", "amount", "currency", "qualifier", "status", "kind", "recipient_code", "year_start",
              "year_end", "status_label", "kind_label", *RULE_EXTRAS]  # fmt: skip
    figures = figures[[c for c in wanted if c in figures.columns]]
    problems = apart_problems(figures, years)
    out = problems != ""
    apart_rows = figures[out]
    apart = tuple(zip(apart_rows["flow_id"].head(LISTED).astype(str), problems[out][:LISTED], strict=False))
    inside = figures[~out]
    if inside.empty:
        reason = _none_added(problems) if len(figures) else _(NO_FIGURE)
        return Sum(None, None, (), 0, apart, int(out.sum()), reason)
    reason = _why_not(inside, scopes, names or {})
    if reason:
        return Sum(None, None, (), 0, apart, int(out.sum()), reason)
    said = [str(w) for w in inside["qualifier"].dropna().unique()]
    amounts = inside["amount"].to_numpy(dtype="int64")
    vague = amounts[inside["qualifier"].notna().to_numpy(dtype=bool)]
    total, qualifier = _added(amounts, said, vague)
    ids = tuple(inside["flow_id"].head(LISTED).astype(str))
    currency = str(inside["currency"].iloc[0]) if "currency" in inside.columns else "USD"
    return Sum(total, qualifier, ids, len(inside), apart, int(out.sum()), "", len(vague), currency)


def _added(amounts: np.ndarray, said: list[str], vague: np.ndarray) -> tuple[int, str | None]:
    """The total of figures the rule lets be added, and its word: a lone figure keeps its own; an
    approximate sum is rounded to its least precise vague term; a lower bound ("at least") stays exact."""
    qualifier = _qualifier(said) if len(amounts) > 1 else (said[0] if said else None)
    total = int(amounts.sum())
    if qualifier == "approximately" and len(amounts) > 1:
        total = _to_precision(total, vague)
    return total, qualifier


def _qualifier(qualifiers: list[str]) -> str | None:
    """The word for a sum of terms with these words: one term's own word stays with it alone."""
    if any(q in APPROXIMATE for q in qualifiers):
        return "approximately"
    floors, ceilings = any(q in AT_LEAST for q in qualifiers), any(q in AT_MOST for q in qualifiers)
    if floors and ceilings:
        return "approximately"  # a floor and a ceiling bound nothing together
    if floors:
        return "at least"
    if ceilings:
        return "at most"
    return "approximately" if qualifiers else None  # a word we do not know: still not exact


def _none_added(problems: np.ndarray) -> str:
    """Why nothing of a set is added, every figure being apart: their periods, or (a figure whose
    sources differ, an aggregate) other reasons each figure's own line gives."""
    periods = np.isin(problems, (NO_PERIOD, NO_END, OUTSIDE))
    return _(NONE_INSIDE) if periods.all() else _(NONE_ADDABLE)


def _why_not(figures: pd.DataFrame, scopes: Scopes, names: Mapping[str, str]) -> str:
    """The one sentence that says why `figures` (all with periods inside the years) cannot be added."""
    differ = (
        ("currency", "currency", N_("they are in different currencies ({labels}); the dashboard converts none")),
        ("status", "status_label", N_("they are of different statuses ({labels})")),
        ("kind", "kind_label", N_("they are of different kinds of flow ({labels})")),
    )
    for column, label, sentence in differ:
        # Distinct values first: a million figures have three statuses (no per-row Python).
        if len(figures[column].unique()) > 1:  # distinct values first: a million rows have three
            shown = figures[label] if label in figures.columns else figures[column]
            return _(sentence).format(labels=", ".join(str(v) for v in shown.unique()))
    if "stated_by" in figures.columns and figures["stated_by"].astype("string").fillna("").nunique() > 1:
        return _stated_by_reason(figures["stated_by"], names)
    overlaps = scopes.overlapping(str(code) for code in figures["recipient_code"].unique())
    return _overlap_reason(overlaps[0], names) if overlaps else ""


def _stated_by_reason(stated_by: pd.Series, names: Mapping[str, str]) -> str:
    parties = [names.get(str(code), str(code)) if not pd.isna(code) else _("no government") for code in
               stated_by.astype("string").unique()]  # fmt: skip
    return _("they are stated by different parties ({labels}); a government's own figures are kept apart").format(
        labels=", ".join(parties)
    )


def _overlap_reason(overlap: tuple[str, str, str], names: Mapping[str, str]) -> str:
    outer, inner, relation = overlap
    outer_name, inner_name = names.get(outer, outer), names.get(inner, inner)
    if relation == UNKNOWN:
        return _("the source leaves open whether {outer} includes {inner}, so their figures may overlap").format(
            outer=outer_name, inner=inner_name
        )
    return _("{outer} includes {inner}, so the figure for {outer} may already hold {inner}'s").format(
        outer=outer_name, inner=inner_name
    )


def _to_precision(total: int, vague: np.ndarray) -> int:
    """`total` rounded to the precision of its least precise vague term (12 bn and 7 bn: whole
    billions), so a sum claims no more precision than the source gave."""
    step = int(_precisions(vague).max()) if len(vague) else 1
    return (total + step // 2) // step * step  # integers: exact past 2**53


def _precisions(amounts: np.ndarray) -> np.ndarray:
    """Per amount, the largest power of ten that divides it (its last stated digit), at least 1."""
    steps = np.ones(len(amounts), dtype="int64")
    for power in range(1, 16):
        steps[(amounts != 0) & (amounts % 10**power == 0)] = 10**power
    return steps


def add_up_each(
    figures: pd.DataFrame,
    keys: list[str],
    scopes: Scopes,
    years: tuple[int, int] | None = None,
    names: Mapping[str, str] | None = None,
) -> dict[tuple, Sum]:
    """`add_up` for every group of `keys`, in one grouped pass (a chart of a hundred groups over a
    million figures cannot afford a hundred calls). `keys` must hold the status and the kind of
    flow by their ids (`status`, `kind`: two kinds may share a label), so a group never mixes
    them; what is left to decide per group is its periods and whether its recipients overlap.
    Equal to `add_up` on each group (tested)."""
    if not {"currency", "status", "kind"} <= set(keys):
        raise ValueError("add_up_each groups by currency, status and kind of flow; use add_up for mixed figures")
    problems = apart_problems(figures, years)
    inside = problems == ""
    amounts = figures["amount"].to_numpy(dtype="int64")
    qualifiers = figures["qualifier"]
    vague = inside & qualifiers.notna().to_numpy(dtype=bool)
    grouped = figures.groupby(keys, observed=True, sort=False)
    ids = figures["flow_id"].astype(str).to_numpy()
    recipients = figures["recipient_code"].astype(str).to_numpy()
    # The source's words as codes: a million qualifiers are a handful of distinct words.
    coded = qualifiers.astype("category")
    word_codes, word_list = coded.cat.codes.to_numpy(), [str(w) for w in coded.cat.categories]
    # The stating parties as codes, only when there are two (the common case has one or none).
    stated = figures["stated_by"].astype("string").fillna("") if "stated_by" in figures.columns else None
    parties = stated.to_numpy(dtype=object) if stated is not None and stated.nunique() > 1 else None
    results = {}
    for key, positions in grouped.indices.items():
        group = key if isinstance(key, tuple) else (key,)
        kept, out = positions[inside[positions]], positions[~inside[positions]]
        apart = tuple(zip(ids[out[:LISTED]], problems[out[:LISTED]], strict=True))
        if not len(kept):
            results[group] = Sum(None, None, (), 0, apart, len(out), _none_added(problems[positions]))
            continue
        codes = pd.unique(recipients[kept])
        overlap = scopes.overlapping(codes) if len(codes) > 1 else []
        if overlap:
            reason = _overlap_reason(overlap[0], names or {})
            results[group] = Sum(None, None, (), 0, apart, len(out), reason)
            continue
        if parties is not None and len(pd.unique(parties[kept])) > 1:  # figures of two stating parties
            reason = _stated_by_reason(figures["stated_by"].iloc[kept], names or {})
            results[group] = Sum(None, None, (), 0, apart, len(out), reason)
            continue
        said = [word_list[c] for c in pd.unique(word_codes[kept]) if c >= 0]
        total, qualifier = _added(amounts[kept], said, amounts[kept[vague[kept]]])
        currency = str(group[keys.index("currency")])
        results[group] = Sum(
            total,
            qualifier,
            tuple(ids[kept[:LISTED]]),
            len(kept),
            apart,
            len(out),
            "",
            int(vague[kept].sum()),
            currency,
        )
    return results
