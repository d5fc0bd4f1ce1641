"""The aid and investment page's logic: filters, the overlap rule, annualising, totals by status.

Pure functions of data frames; the page only wires them to widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

import numpy as np
import pandas as pd

from core import masks
from core.facts import Facts
from core.formatting import format_usd
from core.masks import keep_all
from core.money import money_view
from core.params import PageParams, choice_param, flag_param, list_param, undated_param, years_param
from core.periods import overlaps, year_bounds
from core.scopes import Scopes
from core.sums import Sum, add_up, period_problems

GROUPINGS = {"recipient": "Recipient", "kind": "Kind of flow", "status": "Status"}
CHARTS = {"bars": "By group", "time": "Over time"}
SCALES = {"linear": "Linear", "log": "Logarithmic"}


@dataclass(frozen=True)
class AidOptions:
    """What the filters can take, read from the data."""

    kinds: dict[str, str]  # id -> label, in the data's order
    statuses: dict[str, str]  # id -> label, firmest first
    recipients: dict[str, str]  # code -> name, for every recipient with money
    years: tuple[int, int]
    # The page's question is Japan's money in Central Asia: the region and its states are chosen by
    # default; other recipients are context a reader adds (the page says they exist).
    default_recipients: tuple[str, ...] = ()

    @property
    def context_recipients(self) -> dict[str, str]:
        return {code: name for code, name in self.recipients.items() if code not in self.default_recipients}


@dataclass(frozen=True)
class AidFilters:
    """One view of the aid page; PARAMS below says how each field reads from and goes to the URL."""

    kinds: tuple[str, ...]
    statuses: tuple[str, ...]
    recipients: tuple[str, ...]
    years: tuple[int, int]
    undated: bool  # keep figures whose period the source does not state
    by: str
    chart: str
    per_year: bool
    scale: str


PARAMS: PageParams[AidOptions, AidFilters] = PageParams("aid", "aid", AidFilters, params=(
    list_param("kind", "kinds", "Kind of flow",
               doc_values="`aid`, `contribution`, `investment` (the ids in `flow_kinds.csv`)"),
    list_param("status", "statuses", "Status",
               doc_values="`realised`, `agreed`, `contracts_signed` (ids in `statuses.csv`)"),
    list_param("recipient", "recipients", "Recipient", default=attrgetter("default_recipients"),
               doc_values="actor codes with money: ISO 3166-1 alpha-3 (`KAZ`, `UZB`, `TKM`, `AFG`, `USA`) or a group "
               "(`CA5`, `SSEA_AF`)", doc_default="Central Asia: the region and its states with money (`KAZ`, "
               "`UZB`, `TKM`, `CA5`); the others are context to add"),
    years_param(help="A figure is kept when its period overlaps.",
                summary_note="(a figure is kept when its period overlaps)",
                doc_values="`first-last`, e.g. `1993-2001`; a figure is kept when its period overlaps"),
    undated_param("`1` keep / `0` drop figures with no stated period"),
    choice_param("by", "Bars by", GROUPINGS, "recipient", "bars by `recipient`, `kind` or `status`"),
    choice_param("chart", "Chart", CHARTS, "bars", "`bars` (by group) or `time` (spans over years)"),
    flag_param("per_year", "Per year (assumes an even spread)", False,
               "`1` spreads each period's total evenly over its years (labelled as an assumption in the chart, and in "
               "a table and CSV column)"),
    choice_param("scale", "Amount scale", SCALES, "linear", "`linear` or `log`"),
))  # fmt: skip


def aid_options(facts: Facts) -> AidOptions:
    statuses = facts.statuses.sort_values("firmness")
    names = facts.actors.set_index("code")["name"]
    recipients = list(dict.fromkeys(facts.money["recipient_code"].dropna()))
    central = set(facts.actors.loc[facts.actors["role"] == "central_asia", "code"])
    return AidOptions(
        kinds=dict(zip(facts.flow_kinds["kind"], facts.flow_kinds["label"], strict=True)),
        statuses=dict(zip(statuses["status"], statuses["label"], strict=True)),
        recipients={code: str(names.get(code, code)) for code in recipients},
        years=year_bounds(facts.money["year_start"], facts.money["year_end"]),
        # Every recipient when none is Central Asian (a user's own data about elsewhere).
        default_recipients=tuple(c for c in recipients if c in central) or tuple(recipients),
    )


@dataclass(frozen=True)
class AidData:
    """What the page's views need besides the filters, prepared once per data version."""

    view: pd.DataFrame  # money.money_view: the money table with names, largest first
    scopes: Scopes  # which recipient contains which: figures that may overlap are never added
    names: dict[str, str]  # actor code -> name, for the sentences that say why there is no total


def aid_data(facts: Facts) -> AidData:
    return AidData(
        view=money_view(facts),
        scopes=Scopes.from_table(facts.memberships),
        names=dict(zip(facts.actors["code"].astype(str), facts.actors["name"].astype(str), strict=True)),
    )


def filter_money(view: pd.DataFrame, filters: AidFilters) -> pd.DataFrame:
    keep = keep_all(_masks(view, filters))
    # NOTE: the shared view itself when nothing is dropped: no per-session copy of a big table.
    return view if keep.all() else view[keep]


def _masks(view: pd.DataFrame, filters: AidFilters) -> dict[str, np.ndarray]:
    dated = view["year_start"].notna().to_numpy(dtype=bool)
    in_years = overlaps(view["year_start"], view["year_end"], filters.years).to_numpy(dtype=bool)
    return {
        "kind": view["kind"].isin(filters.kinds).to_numpy(dtype=bool),
        "status": view["status"].isin(filters.statuses).to_numpy(dtype=bool),
        "recipient": view["recipient_code"].isin(filters.recipients).to_numpy(dtype=bool),
        "years": in_years | (~dated & filters.undated),
    }


def empty_reason(view: pd.DataFrame, filters: AidFilters) -> str:
    """Why nothing is left: the filters that exclude everything on their own, or their combination."""
    names = {
        "kind": "kind of flow",
        "status": "status",
        "recipient": "recipient",
        "years": "year range (with figures of no stated period dropped)" if not filters.undated else "year range",
    }
    return masks.empty_reason(_masks(view, filters), names, "figure")


def annualise(flows: pd.DataFrame, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Spread each figure with a closed period evenly over its years (an assumption, not a fact).

    A figure with an open period or none cannot be spread and is left out; callers list it apart.
    `years` keeps only the years within that range.
    """
    closed = flows[flows["year_start"].notna() & flows["year_end"].notna()]
    if closed.empty:
        return pd.DataFrame(columns=["flow_id", "year", "amount_per_year_usd", "years_in_period"])
    start = closed["year_start"].astype(int).to_numpy()
    length = closed["year_end"].astype(int).to_numpy() - start + 1
    repeat = np.repeat(np.arange(len(closed)), length)
    offsets = np.arange(len(repeat)) - np.repeat(np.cumsum(length) - length, length)
    spread = closed.iloc[repeat].reset_index(drop=True)
    spread["year"] = start[repeat] + offsets
    spread["years_in_period"] = length[repeat]
    spread["amount_per_year_usd"] = spread["amount_usd"].astype(float) / spread["years_in_period"]
    if years is not None:
        spread = spread[(spread["year"] >= years[0]) & (spread["year"] <= years[1])]
    return spread.reset_index(drop=True)


def largest(flows: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The `limit` largest figures, for a chart that draws each one (the table keeps them all)."""
    return flows if len(flows) <= limit else flows.nlargest(limit, "amount_usd", keep="first")


def not_annualisable(flows: pd.DataFrame, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Figures an even spread cannot place: no stated period or end, or (with `years`) a period
    reaching outside them, whose slices the rule for sums would otherwise add to others'."""
    return flows[period_problems(flows["year_start"], flows["year_end"], years) != ""]


def annualisable(flows: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Figures whose whole stated period lies inside `years`: the ones the per-year chart spreads."""
    return flows[period_problems(flows["year_start"], flows["year_end"], years) == ""]


LISTED_APART = 12  # figures named in the per-year caption; a big data set has thousands


def not_annualisable_text(flows: pd.DataFrame, years: tuple[int, int] | None = None) -> str:
    """Plain words listing the figures an even spread cannot place (for a caption; escape it):
    the first LISTED_APART (the largest), then how many more."""
    apart = not_annualisable(flows, years)
    listed = "; ".join(
        f"{r.recipient_name} {format_usd(r.amount_usd, r.qualifier)} ({r.period})"
        for r in apart.head(LISTED_APART).itertuples()
    )
    more = len(apart) - LISTED_APART
    return listed + (f"; and {more:,} more (the table lists them)" if more > 0 else "")


def totals(flows: pd.DataFrame, data: AidData, years: tuple[int, int]) -> pd.DataFrame:
    """One row per status and kind of flow, firmest first: the total under the one rule
    (core.sums), what it adds, and the figures it leaves apart with the reason. A total across
    statuses or kinds of flow never appears."""
    rows = []
    for (_, status_label, kind_label), group in flows.groupby(
        ["firmness", "status_label", "kind_label"], observed=True, sort=True
    ):
        result = add_up(group, data.scopes, years, data.names)
        lone = len(group) == 1 and result.total is None  # one figure with no period: shown as itself
        rows.append({
            "status": status_label,
            "kind of flow": kind_label,
            "total": f"{format_usd(group['amount_usd'].iloc[0], group['qualifier'].iloc[0])} (one figure, not a sum)"
            if lone else result.words(),
            "adds": result.added_words() if result.total is not None else "nothing",
            "not added": "; ".join(part for part in (result.apart_words(), _no_total(result, len(group))) if part),
            "of which vague": result.vague,
        })  # fmt: skip
    return pd.DataFrame(rows, columns=["status", "kind of flow", "total", "adds", "not added", "of which vague"])


def _no_total(result: Sum, figures: int) -> str:
    if result.total is not None or figures < 2:
        return ""
    rest = result.apart_count and result.apart_count < figures  # some figures were left to add
    return f"no total of the rest: {result.reason}" if rest else f"no total: {result.reason}"


PER_YEAR_COLUMN = "amount per year (US$, assumes an even spread over the period)"


def table(flows: pd.DataFrame, per_year: bool = False) -> pd.DataFrame:
    """The rows as the page's table and the CSV show them: exact dollars, provenance last.

    With `per_year`, a column gives each figure's amount spread evenly over its stated years, the
    assumption in its name; a figure with no full period has none there ('not stated').
    """
    shown = flows.assign(qualifier=flows["qualifier"].astype("string").fillna(""))
    columns = {
        "flow_id": "id",
        "recipient_name": "recipient",
        "recipient_code": "recipient code",
        "kind_label": "kind",
        "status_label": "status",
        "qualifier": "qualifier",
        "amount_usd": "amount (US$)",
        "year_start": "first year",
        "year_end": "last year",
        "description": "description",
        "source_id": "source_id",
        "quote": "quote",
        "paragraph": "paragraph",
    }
    result = shown[list(columns)].rename(columns=columns).reset_index(drop=True)
    if per_year:
        years = (flows["year_end"] - flows["year_start"] + 1).astype("Float64")
        spread = (flows["amount_usd"].astype("Float64") / years).round(0).astype("Int64")
        result.insert(7, PER_YEAR_COLUMN, spread.reset_index(drop=True))
    return result
