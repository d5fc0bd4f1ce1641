"""The Overview page's content as data: key figures with their status and source quote."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.facts import Facts
from core.formatting import NOT_STATED, format_count, format_period, format_usd, is_missing, lookup
from core.scalars import as_int


@dataclass(frozen=True)
class KeyFigure:
    """One metric card: what, how much, how firm, and the words of the source that state it."""

    label: str
    value: str
    qualifier: str | None
    status: str
    period: str
    quote: str | None
    paragraph: int | None
    source_id: str | None


def central_asia_money(facts: Facts) -> list[KeyFigure]:
    """One card per recipient, kind and status of Japanese money for a Central Asian state or the
    region, and a 'not stated' card for each Central Asian state the source gives no figure for.

    A card adds figures only within one status. With one figure behind it (as in the bundled
    data) it carries that figure's quote; with several it says how many it adds.
    """
    actors = facts.actors.set_index("code")
    region = actors.index[actors["role"] == "central_asia"]
    money = facts.money[facts.money["recipient_code"].isin(region)]
    groups = (
        money.groupby(["recipient_code", "kind", "status"], observed=True)
        .agg(
            amount=("amount_usd", "sum"),
            figures=("amount_usd", "size"),
            vague=("qualifier", "count"),
            qualifier=("qualifier", "first"),
            undated=("year_start", lambda s: int(s.isna().sum())),
            open_end=("year_end", lambda s: int(s.isna().sum())),
            first_year=("year_start", "min"),
            last_year=("year_end", "max"),
            quote=("quote", "first"),
            paragraph=("paragraph", "first"),
            source_id=("source_id", "first"),
        )
        .reset_index()
    )
    statuses = facts.statuses.set_index("status")
    kinds = facts.flow_kinds.set_index("kind")["label"]
    groups = groups.assign(
        firmness=lookup(groups["status"], statuses["firmness"], keep_code=False).astype("Int64"),
        is_region=lookup(groups["recipient_code"], actors["kind"]).ne("state"),
    ).sort_values(["is_region", "firmness", "recipient_code", "kind"])
    cards = [
        _money_card(row, str(actors.at[row.recipient_code, "name"]), kinds, statuses) for row in groups.itertuples()
    ]
    states = actors[(actors["role"] == "central_asia") & (actors["kind"] == "state")]
    stated = set(money["recipient_code"].unique())  # NOTE: once, not per state: a million codes
    for code, name in states["name"].items():
        if code not in stated:
            cards.append(
                KeyFigure(
                    label=f"{name}: Japanese money",
                    value=NOT_STATED,
                    qualifier=None,
                    status="The source gives no figure",
                    period=f"period {NOT_STATED}",
                    quote=None,
                    paragraph=None,
                    source_id=None,
                )
            )
    return cards


def _money_card(row, name: str, kinds: pd.Series, statuses: pd.DataFrame) -> KeyFigure:
    status = str(statuses["label"].get(row.status, row.status))
    label = f"{name}: {str(kinds.get(row.kind, row.kind)).lower()}"
    if row.figures == 1:
        qualifier = None if is_missing(row.qualifier) else str(row.qualifier)
        return KeyFigure(
            label=label,
            value=format_usd(row.amount, qualifier, short=True),
            qualifier=qualifier,
            status=status,
            period=format_period(row.first_year, row.last_year if not row.open_end else None),
            quote=str(row.quote),
            paragraph=int(row.paragraph),
            source_id=str(row.source_id),
        )
    qualifier = "approximately" if row.vague else None
    period = format_period(row.first_year, row.last_year if not row.open_end else None)
    if row.undated:
        period += f"; {row.undated:,} with no stated period"
    return KeyFigure(
        label=label,
        value=format_usd(row.amount, qualifier, short=True),
        qualifier=qualifier,
        status=f"{status} · sum of {row.figures:,} figures, {row.vague:,} of them vague",
        period=period,
        quote=None,
        paragraph=None,
        source_id=None,
    )


def stated_counts(facts: Facts) -> list[KeyFigure]:
    """One card per count in the figures table (companies, meetings, outcome documents)."""
    return [
        KeyFigure(
            label=str(row.description),
            value=format_count(row.value, row.qualifier, short=True),
            qualifier=None if is_missing(row.qualifier) else str(row.qualifier),
            status=f"Count of {row.unit}",
            period=format_period(row.year_start, row.year_end),
            quote=str(row.quote),
            paragraph=as_int(row.paragraph),
            source_id=str(row.source_id),
        )
        for row in facts.figures.itertuples(index=False)
    ]


def principle_lists(facts: Facts) -> list[tuple[str, pd.DataFrame]]:
    """Each list of principles with its items in the source's order."""
    principles = facts.principles.sort_values(["list_id", "position"])
    order = list(dict.fromkeys(facts.principles["list_id"]))
    return [
        (str(items["list_title"].iloc[0]), items[["position", "item", "quote", "paragraph"]])
        for _, items in sorted(principles.groupby("list_id"), key=lambda pair: order.index(pair[0]))
    ]


def key_figures_table(facts: Facts) -> pd.DataFrame:
    """The Overview's cards as rows, for the CSV: the same words as on screen, with provenance."""
    cards = central_asia_money(facts) + stated_counts(facts)
    return pd.DataFrame(
        {
            "figure": [c.label for c in cards],
            "value": [c.value for c in cards],
            "qualifier": [c.qualifier or "" for c in cards],
            "status": [c.status for c in cards],
            "period": [c.period for c in cards],
            "source_id": [c.source_id or NOT_STATED for c in cards],
            "quote": [c.quote or NOT_STATED for c in cards],
            "paragraph": [c.paragraph for c in cards],
        }
    ).astype({"paragraph": "Int64"})
