"""The aid and investment page's logic: filters, the overlap rule, annualising, totals by status.

Pure functions of data frames; the page only wires them to widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

import numpy as np
import pandas as pd

from core import i18n, masks
from core.columns import NOT_STATED_BY_SOURCE, STATED
from core.export import citations
from core.facts import Facts
from core.formatting import format_usd
from core.i18n import N_, _
from core.masks import keep_all
from core.money import money_view
from core.params import PageParams, choice_param, flag_param, list_param, undated_param, years_param
from core.periods import overlaps, year_bounds
from core.scopes import Scopes
from core.sums import Sum, add_up, period_problems

# Option labels in English, shown through _().
GROUPINGS = {"recipient": N_("Recipient"), "kind": N_("Kind of flow"), "status": N_("Status")}
CHARTS = {"bars": N_("By group"), "time": N_("Over time")}
SCALES = {"linear": N_("Linear"), "log": N_("Logarithmic")}


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
    list_param("kind", "kinds", N_("Kind of flow"), summary_name=N_("kinds"),
               doc_values="`aid`, `contribution`, `investment` (the ids in `flow_kinds.csv`)"),
    list_param("status", "statuses", N_("Status"), summary_name=N_("statuses"),
               doc_values="`realised`, `agreed`, `contracts_signed` (ids in `statuses.csv`)"),
    list_param("recipient", "recipients", N_("Recipient"), summary_name=N_("recipients"),
               default=attrgetter("default_recipients"),
               doc_values="actor codes with money: ISO 3166-1 alpha-3 (`KAZ`, `UZB`, `TKM`, `AFG`, `USA`) or a group "
               "(`CA5`, `SSEA_AF`)", doc_default="Central Asia: the region and its states with money (`KAZ`, "
               "`UZB`, `TKM`, `CA5`); the others are context to add"),
    years_param(help=N_("A figure is kept when its period overlaps."),
                summary_note=N_("(a figure is kept when its period overlaps)"),
                doc_values="`first-last`, e.g. `1993-2001`; a figure is kept when its period overlaps"),
    undated_param("`1` keep / `0` drop figures with no stated period"),
    choice_param("by", N_("Bars by"), GROUPINGS, "recipient", "bars by `recipient`, `kind` or `status`"),
    choice_param("chart", N_("Chart"), CHARTS, "bars", "`bars` (by group) or `time` (spans over years)"),
    flag_param("per_year", N_("Per year (assumes an even spread)"), False,
               "`1` spreads each period's total evenly over its years (labelled as an assumption in the chart, and in "
               "a table and CSV column)"),
    choice_param("scale", N_("Amount scale"), SCALES, "linear", "`linear` or `log`"),
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


def sources_shown(data: AidData, filters: AidFilters) -> tuple[str, ...]:
    """The source ids of the figures the filters keep: the sources behind a chart's marks."""
    return tuple(filter_money(data.view, filters)["source_id"].astype(str).unique())


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
        "kind": _("kind of flow"),
        "status": _("status"),
        "recipient": _("recipient"),
        "years": _("year range (with figures of no stated period dropped)") if not filters.undated else _("year range"),
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
    if more <= 0:
        return listed
    return _("{figures}; and {n} more (the table lists them)").format(figures=listed, n=i18n.number(more))


# The totals table's columns (headings translated where shown).
TOTALS_COLUMNS = (N_("status"), N_("kind of flow"), N_("total"), N_("adds"), N_("not added"), N_("of which vague"))


def totals(flows: pd.DataFrame, data: AidData, years: tuple[int, int]) -> pd.DataFrame:
    """One row per status and kind of flow, firmest first: the total under the one rule
    (core.sums), what it adds, and the figures it leaves apart with the reason. A total across
    statuses or kinds of flow never appears.

    The columns are English identifiers (TOTALS_COLUMNS); components.tables translates the
    headings on screen. The cells are in the run's language."""
    rows = []
    for (_firmness, status_label, kind_label), group in flows.groupby(
        ["firmness", "status_label", "kind_label"], observed=True, sort=True
    ):
        result = add_up(group, data.scopes, years, data.names)
        lone = len(group) == 1 and result.total is None  # one figure with no period: shown as itself
        one = format_usd(group["amount_usd"].iloc[0], group["qualifier"].iloc[0])
        rows.append(dict(zip(TOTALS_COLUMNS, (
            status_label,
            kind_label,
            _("{amount} (one figure, not a sum)").format(amount=one) if lone else result.words(),
            result.added_words() if result.total is not None else _("nothing"),
            "; ".join(part for part in (result.apart_words(), _no_total(result, len(group))) if part),
            result.vague,
        ), strict=True)))  # fmt: skip
    return pd.DataFrame(rows, columns=list(TOTALS_COLUMNS))


def _no_total(result: Sum, figures: int) -> str:
    if result.total is not None or figures < 2:
        return ""
    rest = result.apart_count and result.apart_count < figures  # some figures were left to add
    if rest:
        return _("no total of the rest: {reason}").format(reason=result.reason)
    return _("no total: {reason}").format(reason=result.reason)


PER_YEAR_COLUMN = "amount_per_year_usd"  # the CSV's column of each figure's amount per year (an assumption)


def table(flows: pd.DataFrame, per_year: bool = False, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows as the CSV has them (core.columns names and describes each column; the screen
    shows them through core.formatting.on_screen): exact dollars as integers, a gap as an empty cell
    with `year_end_status` saying whose gap, codes beside labels, every caveat (`note`), provenance last.

    With `per_year`, `amount_per_year_usd` spreads each figure evenly over its stated years (an
    assumption; empty for a figure with no full period). With `sources` (the sources table), a
    `citation` column cites each figure's source, paragraph and quote.
    """
    flows = flows.reset_index(drop=True)
    columns = {
        "flow_id": "flow_id",
        "recipient_code": "recipient_code",
        "recipient_name": "recipient",
        "kind": "kind_code",
        "kind_label": "kind",
        "status": "status_code",
        "status_label": "status",
        "qualifier": "qualifier",
        "amount_usd": "amount_usd",
        "year_start": "year_start",
        "year_end": "year_end",
        "description": "description",
        "note": "note",
        "source_id": "source_id",
        "paragraph": "paragraph",
        "quote": "quote",
    }
    # Plain text and integers, not categoricals: a CSV reader sees the values, and Int64 writes no ".0".
    result = pd.DataFrame(
        {new: _plain(flows[old]) for old, new in columns.items()},
        index=flows.index,
    )
    stated = result["year_end"].notna().to_numpy(dtype=bool)
    status = pd.Series(np.where(stated, STATED, NOT_STATED_BY_SOURCE), index=result.index, dtype="string")
    result.insert(list(result.columns).index("year_end") + 1, "year_end_status", status)
    if per_year:
        years = (flows["year_end"] - flows["year_start"] + 1).astype("Float64")
        spread = (flows["amount_usd"].astype("Float64") / years).round(0).astype("Int64")
        result.insert(list(result.columns).index("amount_usd") + 1, PER_YEAR_COLUMN, spread)
    if sources is not None:
        result["citation"] = citations(result, sources)
    return result


def _plain(column: pd.Series) -> pd.Series:
    if pd.api.types.is_integer_dtype(column) or pd.api.types.is_float_dtype(column):
        return column.astype("Int64") if pd.api.types.is_integer_dtype(column) else column
    return column.astype("string")
