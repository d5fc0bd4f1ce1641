"""The aid and investment page's logic: filters, the overlap rule, annualising, totals by status.

Pure functions of data frames; the page only wires them to widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.facts import Facts
from core.formatting import chosen_names, format_period, format_usd, lookup, per_distinct
from core.url_state import QueryReader, flag_value, year_range_value

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


@dataclass(frozen=True)
class AidFilters:
    kinds: tuple[str, ...]
    statuses: tuple[str, ...]
    recipients: tuple[str, ...]
    years: tuple[int, int]
    undated: bool  # keep figures whose period the source does not state
    by: str
    chart: str
    per_year: bool
    scale: str

    def to_query(self) -> dict[str, str | tuple[str, ...]]:
        """Every value explicit, so the link keeps its meaning if a default changes."""
        return {
            "kind": self.kinds,
            "status": self.statuses,
            "recipient": self.recipients,
            "years": year_range_value(self.years),
            "undated": flag_value(self.undated),
            "by": self.by,
            "chart": self.chart,
            "per_year": flag_value(self.per_year),
            "scale": self.scale,
        }

    def summary(self, options: AidOptions) -> dict[str, str]:
        """The filters in words, for a download's README."""
        return {
            "kinds": chosen_names(self.kinds, options.kinds),
            "statuses": chosen_names(self.statuses, options.statuses),
            "recipients": chosen_names(self.recipients, options.recipients),
            "years": f"{self.years[0]}-{self.years[1]} (a figure is kept when its period overlaps)",
            "figures with no stated period": "kept" if self.undated else "dropped",
        }


def aid_options(facts: Facts) -> AidOptions:
    statuses = facts.statuses.sort_values("firmness")
    names = facts.actors.set_index("code")["name"]
    recipients = list(dict.fromkeys(facts.money["recipient_code"].dropna()))
    starts, ends = facts.money["year_start"].dropna(), facts.money["year_end"].dropna()
    years = pd.concat([starts, ends])
    bounds = (int(years.min()), int(years.max())) if len(years) else (1900, 2100)
    return AidOptions(
        kinds=dict(zip(facts.flow_kinds["kind"], facts.flow_kinds["label"], strict=True)),
        statuses=dict(zip(statuses["status"], statuses["label"], strict=True)),
        recipients={code: str(names.get(code, code)) for code in recipients},
        years=bounds,
    )


def default_filters(options: AidOptions) -> AidFilters:
    return AidFilters(
        kinds=tuple(options.kinds),
        statuses=tuple(options.statuses),
        recipients=tuple(options.recipients),
        years=options.years,
        undated=True,
        by="recipient",
        chart="bars",
        per_year=False,
        scale="linear",
    )


def read_filters(reader: QueryReader, options: AidOptions) -> AidFilters:
    default = default_filters(options)
    return AidFilters(
        kinds=reader.choices("kind", list(options.kinds), default.kinds),
        statuses=reader.choices("status", list(options.statuses), default.statuses),
        recipients=reader.choices("recipient", list(options.recipients), default.recipients),
        years=reader.year_range("years", options.years, default.years),
        undated=reader.flag("undated", default.undated),
        by=reader.choice("by", list(GROUPINGS), default.by),
        chart=reader.choice("chart", list(CHARTS), default.chart),
        per_year=reader.flag("per_year", default.per_year),
        scale=reader.choice("scale", list(SCALES), default.scale),
    )


def money_view(facts: Facts) -> pd.DataFrame:
    """The money table with names and labels joined in; independent of filters, so cacheable.

    Largest figure first (ties in file order), so a filtered view is too: the table opens on the
    biggest figures, and a chart's hover takes a group's first rows as its largest without sorting.
    """
    names = facts.actors.set_index("code")["name"]
    statuses = facts.statuses.set_index("status")
    kinds = facts.flow_kinds.set_index("kind")["label"]
    money = facts.money.sort_values("amount_usd", ascending=False, kind="stable", na_position="last")
    return money.assign(
        recipient_name=lookup(money["recipient_code"], names).astype("category"),
        kind_label=lookup(money["kind"], kinds).astype("category"),
        status_label=lookup(money["status"], statuses["label"]).astype("category"),
        firmness=lookup(money["status"], statuses["firmness"], keep_code=False).astype("Int64"),
        period=per_distinct(format_period, money["year_start"], money["year_end"]),
    ).reset_index(drop=True)


def overlaps(start: pd.Series, end: pd.Series, years: tuple[int, int]) -> pd.Series:
    """True where a period overlaps `years`. An open period (a start, no stated end) runs on from
    its start; a figure with no period overlaps nothing (it is kept or dropped by its own option)."""
    first, last = years
    runs_to = end.fillna(np.iinfo(np.int32).max)  # open period: no end stated, so it has not ended
    return (start.notna() & (start <= last) & (runs_to >= first)).fillna(False).astype(bool)


def filter_money(view: pd.DataFrame, filters: AidFilters) -> pd.DataFrame:
    keep = np.logical_and.reduce(list(_masks(view, filters).values()))
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
    alone = [names[key] for key, mask in _masks(view, filters).items() if not mask.any()]
    if alone:
        return f"No figure matches the {' and the '.join(alone)} chosen. Widen it to see figures."
    return "Each filter matches some figures, but no figure matches all of them together. Widen one."


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


def not_annualisable(flows: pd.DataFrame) -> pd.DataFrame:
    """Figures an even spread cannot place: no stated period, or no stated end."""
    return flows[flows["year_start"].isna() | flows["year_end"].isna()]


LISTED_APART = 12  # figures named in the per-year caption; a big data set has thousands


def not_annualisable_text(flows: pd.DataFrame) -> str:
    """Plain words listing the figures an even spread cannot place (for a caption; escape it):
    the first LISTED_APART (the largest), then how many more."""
    apart = not_annualisable(flows)
    listed = "; ".join(
        f"{r.recipient_name} {format_usd(r.amount_usd, r.qualifier)} ({r.period})"
        for r in apart.head(LISTED_APART).itertuples()
    )
    more = len(apart) - LISTED_APART
    return listed + (f"; and {more:,} more (the table lists them)" if more > 0 else "")


def totals_by_status(flows: pd.DataFrame) -> pd.DataFrame:
    """One total per status, never across statuses, saying how many figures it adds and how many
    of them are approximate. Firmest first."""
    # Grouped by the status alone (a label and firmness per status): cheaper than by three keys.
    totals = flows.groupby("status", observed=True).agg(
        status_label=("status_label", "first"),
        firmness=("firmness", "first"),
        total_usd=("amount_usd", "sum"),
        figures=("amount_usd", "size"),
        vague=("qualifier", "count"),
    )
    ordered = totals.sort_values("firmness", kind="stable").reset_index()
    return ordered[["status", "status_label", "total_usd", "figures", "vague"]]


def totals_display(totals: pd.DataFrame) -> pd.DataFrame:
    """Totals by status (`totals_by_status`) in words, for the page."""
    return pd.DataFrame(
        {
            "status": totals["status_label"],
            "total": [format_usd(t) for t in totals["total_usd"]],
            "figures added": totals["figures"],
            "of which vague": totals["vague"],
        }
    )


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
