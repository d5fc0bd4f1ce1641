"""Japan's money as every page reads it: the money table with names, labels and period words."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from core.facts import Facts
from core.formatting import format_period, lookup, per_distinct
from core.i18n import N_

# What money.aggregate's values mean, in English (shown through _()).
AGGREGATE_WORDS = {"cumulative": N_("a running total to a date"), "total": N_("a total of several figures")}


def money_view(facts: Facts, recipients: Iterable[str] | None = None) -> pd.DataFrame:
    """The money table with names and labels joined in; independent of filters, so cacheable.
    `recipients`: only their figures (a page about a few recipients need not copy a million rows).

    Largest figure first (ties in file order), so a filtered view is too: the table opens on the
    biggest figures, and a chart's hover takes a group's first rows as its largest without sorting.
    """
    names = facts.actors.set_index("code")["name"]
    statuses = facts.statuses.set_index("status")
    kinds = facts.flow_kinds.set_index("kind")["label"]
    money = facts.money if recipients is None else facts.money[facts.money["recipient_code"].isin(list(recipients))]
    money = money.sort_values("amount", ascending=False, kind="stable", na_position="last")
    extra = {}
    if "stated_by" in money.columns:  # a data set without it states no party: nothing to name
        extra["stated_by_name"] = lookup(money["stated_by"], names).astype("category")
    return money.assign(
        **extra,
        recipient_name=lookup(money["recipient_code"], names).astype("category"),
        kind_label=lookup(money["kind"], kinds).astype("category"),
        status_label=lookup(money["status"], statuses["label"]).astype("category"),
        firmness=lookup(money["status"], statuses["firmness"], keep_code=False).astype("Int64"),
        period=per_distinct(format_period, money["year_start"], money["year_end"]),
    ).reset_index(drop=True)


def japans_money_kinds(facts: Facts) -> tuple[str, ...]:
    """The kinds of flow that are Japan's money (`flow_kinds.japans_money` yes), in the data's
    order: totals and cards of Japan's money add only these (trade both ways is not Japan's money).
    Every kind when the column is absent (a user's own data of money only)."""
    kinds = facts.flow_kinds
    if "japans_money" not in kinds.columns:
        return tuple(kinds["kind"].astype(str))
    return tuple(kinds.loc[kinds["japans_money"].astype("string") != "no", "kind"].astype(str))
