"""The Overview page's content as data: key figures with their status and source quote.

The cards' words are in the run's language (core.i18n); the quotes stay as the source wrote them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from core import i18n
from core.evidence import differences_in_words
from core.facts import Facts
from core.formatting import format_count, format_period, format_usd, is_missing, lookup, not_stated
from core.i18n import _
from core.money import AGGREGATE_WORDS, japans_money_kinds, money_view
from core.reference import fact_citation
from core.scalars import as_int
from core.scopes import Scopes
from core.sums import Sum, add_up, apart_problems
from core.timeline.view import KINDS


@dataclass(frozen=True)
class KeyFigure:
    """One metric card: what, how much, how firm, and the words of the source that state it."""

    label: str
    value: str
    qualifier: str | None
    status: str
    period: str
    quote: str | None
    locator: str | None
    source_id: str | None
    # For the download (key_figures_table): the value as a number, its unit, the period's years and
    # the facts it rests on. None where the source states none.
    number: int | None = None
    quote_language: str = "en"  # the quote's source's language (sources.csv), for screen readers
    unit: str | None = None  # the currency in lower case ("usd", "jpy") or "count"
    year_start: int | None = None
    year_end: int | None = None
    fact_ids: tuple[str, ...] = ()
    citation: str | None = None  # the one-line citation of a single figure (with_citations)
    more: int = 0  # how many figures this card stands for that are not on cards of their own (more_card)


def with_citations(cards: list[KeyFigure], sources: pd.DataFrame) -> list[KeyFigure]:
    """The cards with the one-line citation of each single figure; a total or a gap has none."""
    by_id = {str(source["source_id"]): source for source in sources.to_dict("records")}
    return [
        card
        if card.quote is None or card.source_id not in by_id
        else dataclasses.replace(
            card,
            citation=fact_citation(by_id[card.source_id], card.locator, card.quote),
            quote_language=str(by_id[card.source_id]["language"]),
        )
        for card in cards
    ]


def central_asia_money(facts: Facts) -> list[KeyFigure]:
    """Cards of Japanese money for a Central Asian state or the region, and a 'not stated' card
    for each Central Asian state no source gives a figure for.

    A card is one figure, or a total of one recipient, kind and status that the one rule for sums
    (core.sums) allows over the data's years; figures it does not allow stand on cards of their own,
    the largest CARDS_PER_GROUP of them, and one card says how many more (`more_card`).
    """
    actors = facts.actors.set_index("code")
    region = actors.index[actors["role"] == "central_asia"]
    money = money_view(facts, region)
    money = money[money["kind"].isin(japans_money_kinds(facts)).to_numpy(dtype=bool)]  # trade is not Japan's money
    scopes = Scopes.from_table(facts.memberships)
    names = {str(code): str(name) for code, name in actors["name"].items()}
    is_region = lookup(money["recipient_code"], actors["kind"]).ne("state").to_numpy(dtype=bool)
    # One card per region-or-state, status, recipient, kind and currency: the rule adds nothing across them.
    keys = ["is_region", "firmness", "status", "recipient_code", "kind", "currency"]
    ordered = money.assign(is_region=is_region).sort_values(keys, kind="stable")
    cards = []
    for _key, rows in ordered.groupby(keys, observed=True, sort=False):
        group = []
        result = add_up(rows, scopes, None, names)
        if result.total is not None and result.added_count > 1:
            inside = apart_problems(rows, None) == ""
            group.append(_sum_card(rows[inside], result))  # its period: of the figures it adds only
            rows = rows[~inside]
        room = CARDS_PER_GROUP - len(group)
        if len(rows) > room:  # the largest on cards of their own, the rest on one card
            rows = rows.sort_values("amount", ascending=False, na_position="last", kind="stable")
            group += [_figure_card(row) for _, row in rows.iloc[: room - 1].iterrows()]
            group.append(more_card(rows.iloc[room - 1 :]))
        else:
            group += [_figure_card(row) for _, row in rows.iterrows()]
        cards += group
    states = actors[(actors["role"] == "central_asia") & (actors["kind"] == "state")]
    stated = set(money["recipient_code"].unique())  # NOTE: once, not per state: a million codes
    for code, name in states["name"].items():
        if code not in stated:
            cards.append(
                KeyFigure(
                    label=_("{recipient}: Japanese money").format(recipient=name),
                    value=not_stated(),
                    qualifier=None,
                    status=_("No source gives a figure"),
                    period=format_period(None, None),  # 'period not stated'
                    quote=None,
                    locator=None,
                    source_id=None,
                )
            )
    return with_citations(cards, facts.sources)


# Cards at most per recipient, kind, status and currency. The Overview is a summary: on generated
# data of 10,000 figures, one card per figure that cannot be added made 1,363 cards (0.56 s a
# rerun; 100,000 figures: 7 s). Every figure, with its quote, is on the Aid and investment page.
CARDS_PER_GROUP = 3


def more_card(rows: pd.DataFrame) -> KeyFigure:
    """One card for the figures of one recipient, kind, status and currency that are neither added
    up nor on cards of their own: how many, over which years; their ids go to the CSV."""
    first = rows.iloc[0]
    return KeyFigure(
        label=_label(first),
        value=_("{n} more").format(n=i18n.number(len(rows))),
        qualifier=None,
        status=_("{status} · not added together").format(status=first["status_label"]),
        period=format_period(rows["year_start"].min(), rows["year_end"].max()),
        quote=None,
        locator=None,
        source_id=None,
        year_start=_year(rows["year_start"].min()),
        year_end=_year(rows["year_end"].max()),
        fact_ids=tuple(str(i) for i in rows["flow_id"]),
        more=len(rows),
    )


def _label(row: pd.Series) -> str:
    return f"{row['recipient_name']}: {str(row['kind_label']).lower()}"


def _figure_card(row: pd.Series) -> KeyFigure:
    qualifier = None if is_missing(row["qualifier"]) else str(row["qualifier"])
    status = str(row["status_label"])
    differ = row.get("sources_differ")
    if differ is not None and not is_missing(differ):  # the value shown is one source's: say so, with the others
        status += " · " + _("sources differ on the {what}").format(what=differences_in_words(differ))
    aggregate = row.get("aggregate")
    if aggregate is not None and not is_missing(aggregate):  # it may hold figures on the cards beside it
        status += " · " + _(AGGREGATE_WORDS.get(str(aggregate), str(aggregate)))
    return KeyFigure(
        label=_label(row),
        value=format_usd(row["amount"], qualifier, short=True, currency=row["currency"]),
        qualifier=qualifier,
        status=status,
        period=str(row["period"]),
        quote=str(row["quote"]),
        locator=str(row["locator"]),
        source_id=str(row["source_id"]),
        number=as_int(row["amount"]),
        unit=str(row["currency"]).lower(),
        year_start=_year(row["year_start"]),
        year_end=_year(row["year_end"]),
        fact_ids=(str(row["flow_id"]),),
    )


def _year(value: object) -> int | None:
    return None if is_missing(value) else as_int(value)


def _sum_card(rows: pd.DataFrame, result: Sum) -> KeyFigure:
    first = rows.iloc[0]
    return KeyFigure(
        label=_label(first),
        value=result.words(short=True),
        qualifier=result.qualifier,
        status=_("{status} · a total of {figures}, {n} of them vague").format(
            status=first["status_label"], figures=result.added_words(), n=i18n.number(result.vague)
        ),
        period=format_period(rows["year_start"].min(), rows["year_end"].max()),
        quote=None,
        locator=None,
        source_id=None,
        number=result.total,
        unit=result.currency.lower(),
        year_start=_year(rows["year_start"].min()),
        year_end=_year(rows["year_end"].max()),
        fact_ids=tuple(str(i) for i in rows["flow_id"]),
    )


# The Dialogue's meetings the timeline counts, by events.kind, in this order.
DIALOGUE_KINDS = ("summit", "ministerial", "senior_officials", "intellectual", "expert", "business")


def recorded_meetings(facts: Facts) -> list[tuple[str, int]]:
    """The Dialogue's meetings the timeline holds that a government's own record states, per kind
    (DIALOGUE_KINDS order, kinds with none left out): held or of unstated status, never a planned
    or postponed one. A count of this data's rows, to set beside the counts the sources state."""
    events = facts.events
    if "kind" not in events.columns:
        return []
    status = events["event_status"].astype("string") if "event_status" in events.columns else None
    held = status.isna() | (status == "held") if status is not None else pd.Series(True, index=events.index)
    kept = events[(held & events["official"]).to_numpy(dtype=bool)]
    counts = kept["kind"].astype("string").value_counts()
    return [(kind, int(counts[kind])) for kind in DIALOGUE_KINDS if kind in counts.index]


def recorded_meetings_words(counts: list[tuple[str, int]]) -> str:
    """'The timeline holds, each from a government's own record: 1 Summit, 10 Foreign Ministers'
    Meetings, …' in the run's language; '' when it holds none."""
    if not counts:
        return ""
    items = ", ".join(f"{_(KINDS.get(kind, kind))}: {i18n.number(n)}" for kind, n in counts)
    return _(
        "Counted on the timeline, each meeting with a government's own record behind it: {items}. A count of the "
        "data's rows, not a source's figure; the cards above are the sources' own counts, each as of its day."
    ).format(items=items)


def official_counts(facts: Facts) -> list[KeyFigure]:
    """The counts a government's own record states (the Dialogue's meetings, as of a day)."""
    return stated_counts(facts, official=True)


def analysis_counts(facts: Facts) -> list[KeyFigure]:
    """The counts no government's record states (the August 2020 analysis's)."""
    return stated_counts(facts, official=False)


def stated_counts(facts: Facts, official: bool | None = None) -> list[KeyFigure]:
    """One card per count in the figures table (companies, meetings, outcome documents); with
    `official`, only those a government's own record states (True) or only the others (False)."""
    figures = facts.figures
    if official is not None:
        figures = figures[(figures["official"] == official).to_numpy(dtype=bool)]
    cards = [
        KeyFigure(
            label=str(row.description),
            value=format_count(row.value, row.qualifier, short=True),
            qualifier=None if is_missing(row.qualifier) else str(row.qualifier),
            status=_("Count of {unit}").format(unit=row.unit),
            period=format_period(row.year_start, row.year_end),
            quote=str(row.quote),
            locator=str(row.locator),
            source_id=str(row.source_id),
            number=_year(row.value),
            unit="count",
            year_start=_year(row.year_start),
            year_end=_year(row.year_end),
            fact_ids=(str(row.figure_id),),
        )
        for row in figures.itertuples(index=False)
    ]
    return with_citations(cards, facts.sources)


def principle_lists(facts: Facts) -> list[tuple[str, pd.DataFrame]]:
    """Each list of principles with its items in the source's order."""
    principles = facts.principles.sort_values(["list_id", "position"])
    order = list(dict.fromkeys(facts.principles["list_id"]))
    return [
        (str(items["list_title"].iloc[0]), items[["position", "item", "quote", "locator"]])
        for _key, items in sorted(principles.groupby("list_id"), key=lambda pair: order.index(pair[0]))
    ]


def key_figures_table(facts: Facts) -> pd.DataFrame:
    """The Overview's cards as rows, for the CSV (core.columns describes each column): the value
    as a number with its unit and the source's qualifier, the card's words beside it, the years as
    integers; empty cells where the source states nothing (a 'not stated' card has no value)."""
    cards = central_asia_money(facts) + official_counts(facts) + analysis_counts(facts)  # the page's order

    def numbers(values: list[int | None]) -> pd.Series:
        return pd.Series(values, dtype="Int64")

    def texts(values: list[str | None]) -> pd.Series:
        return pd.Series(values, dtype="string")

    return pd.DataFrame(
        {
            "figure": texts([c.label for c in cards]),
            "value": numbers([c.number for c in cards]),
            "unit": texts([c.unit for c in cards]),
            "qualifier": texts([c.qualifier for c in cards]),
            "value_text": texts([c.value for c in cards]),
            "status": texts([c.status for c in cards]),
            "year_start": numbers([c.year_start for c in cards]),
            "year_end": numbers([c.year_end for c in cards]),
            "period": texts([c.period for c in cards]),
            "fact_ids": texts(["; ".join(c.fact_ids) or None for c in cards]),
            "source_id": texts([c.source_id for c in cards]),
            "locator": texts([c.locator for c in cards]),
            "quote": texts([c.quote for c in cards]),
        }
    )
