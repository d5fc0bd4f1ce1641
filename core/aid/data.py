"""The aid page's data: the money table prepared once per data version, and the pure functions that
filter it and spread it over years (an assumption the page labels as such).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import masks
from core.aid.params import AidFilters
from core.facts import Facts
from core.formatting import TABLE_LISTS_THEM, first_and_more, format_usd
from core.i18n import _
from core.masks import keep_all
from core.money import money_view
from core.periods import overlaps
from core.scopes import Scopes
from core.sums import apart_problems


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


def kept_positions(view: pd.DataFrame, filters: AidFilters) -> np.ndarray:
    """The positions in `view` of the figures the filters keep, in the view's order."""
    return np.flatnonzero(keep_all(_masks(view, filters)))


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
        "currency": (view["currency"] == filters.currency).to_numpy(dtype=bool),
        "official": view["official"].to_numpy(dtype=bool) | (not filters.official),
    }


def empty_reason(view: pd.DataFrame, filters: AidFilters) -> str:
    """Why nothing is left: the filters that exclude everything on their own, or their combination."""
    names = {
        "kind": _("kind of flow"),
        "status": _("status"),
        "recipient": _("recipient"),
        "years": _("year range (with figures of no stated period dropped)") if not filters.undated else _("year range"),
        "currency": _("currency"),
        "official": _("official sources only"),
    }
    return masks.empty_reason(_masks(view, filters), names, "figure")


def annualise(flows: pd.DataFrame, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Spread each figure with a closed period evenly over its years (an assumption, not a fact).

    A figure with an open period or none cannot be spread and is left out; callers list it apart.
    `years` keeps only the years within that range.
    """
    closed = flows[flows["year_start"].notna() & flows["year_end"].notna()]
    if closed.empty:
        return pd.DataFrame(columns=["flow_id", "year", "amount_per_year", "years_in_period"])
    start = closed["year_start"].astype(int).to_numpy()
    length = closed["year_end"].astype(int).to_numpy() - start + 1
    repeat = np.repeat(np.arange(len(closed)), length)
    offsets = np.arange(len(repeat)) - np.repeat(np.cumsum(length) - length, length)
    spread = closed.iloc[repeat].reset_index(drop=True)
    spread["year"] = start[repeat] + offsets
    spread["years_in_period"] = length[repeat]
    spread["amount_per_year"] = spread["amount"].astype(float) / spread["years_in_period"]
    if years is not None:
        spread = spread[(spread["year"] >= years[0]) & (spread["year"] <= years[1])]
    return spread.reset_index(drop=True)


def largest(flows: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The `limit` largest figures, for a chart that draws each one (the table keeps them all)."""
    return flows if len(flows) <= limit else flows.nlargest(limit, "amount", keep="first")


def not_annualisable(flows: pd.DataFrame, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Figures an even spread cannot place: no stated period or end, or (with `years`) a period
    reaching outside them, whose slices the rule for sums would otherwise add to others'; and the
    figures the rule keeps apart whatever their period (an aggregate beside what it may hold,
    differing amounts)."""
    return flows[apart_problems(flows, years) != ""]


def annualisable(flows: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Figures whose whole stated period lies inside `years`: the ones the per-year chart spreads."""
    return flows[apart_problems(flows, years) == ""]


LISTED_APART = 12  # figures named in the per-year caption; a big data set has thousands


def not_annualisable_text(flows: pd.DataFrame, years: tuple[int, int] | None = None) -> str:
    """Plain words listing the figures an even spread cannot place (for a caption; escape it):
    the first LISTED_APART (the largest), then how many more."""
    apart = not_annualisable(flows, years)
    listed = [
        f"{r.recipient_name} {format_usd(r.amount, r.qualifier, currency=r.currency)} ({r.period})"
        for r in apart.head(LISTED_APART).itertuples()
    ]
    return first_and_more(listed, LISTED_APART, total=len(apart), more=TABLE_LISTS_THEM)
