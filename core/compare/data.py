"""The facts the comparison compares, prepared once per data version (filter-independent).

The rule for a region and its members (core.scopes) is applied here, once: an event that names a
group as a whole (by the group's code, or by naming every one of its members) is a region-wide
event. It is counted for no single member, whatever codes it was recorded with; the page shows it
apart, with the group's own figures.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core.compare.params import COMPANIES_SUBJECT, DONOR_ROLE, CompareOptions, compare_options
from core.facts import Facts
from core.money import japans_money_kinds, money_view
from core.scopes import Scopes


@dataclass(frozen=True)
class CompareData:
    """The facts the page compares, prepared once per data version (filter-independent)."""

    options: CompareOptions
    money: pd.DataFrame  # Japan's money, as aid.money_view
    events: pd.DataFrame  # dated events in date order (an event with no stated date is counted nowhere)
    # event_id, code, position (in `events`), own: one row per actor a dated event names; own is
    # False where the event names a group containing that actor as a whole (a region-wide event).
    event_links: pd.DataFrame
    event_groups: pd.DataFrame  # position, group: the groups a dated event names as a whole
    # code, event_id, title, year_start, year_end: events (dated or not, dated first in date
    # order) that name Japan and the country as its own, for the facts beside a "not stated".
    donor_events: pd.DataFrame
    companies: pd.DataFrame  # figures of COMPANIES_SUBJECT
    scopes: Scopes = field(default_factory=Scopes)  # which group contains which actor (memberships)
    names: Mapping[str, str] = field(default_factory=dict)  # every actor's name, by code
    kinds: Mapping[str, str] = field(default_factory=dict)  # every actor's kind ("state", "region", "group"…)
    japans_kinds: tuple[str, ...] | None = None  # kinds of flow that are Japan's money (None: every kind)


def compare_data(facts: Facts) -> CompareData:
    actors = facts.actors
    donors = actors.loc[actors["role"] == DONOR_ROLE, "code"]
    scopes = Scopes.from_table(facts.memberships)
    money = money_view(facts)
    # Dated events in date order, so a country's event positions, sorted, are its events in date
    # order; the undated after them, for the related facts only.
    ordered = facts.events.sort_values(["year_start", "year_end", "event_id"], na_position="last")
    ordered = ordered.reset_index(drop=True)
    dated = int(ordered["year_start"].notna().sum())
    links = _links(ordered, scopes)
    names = dict(zip(actors["code"].astype(str), actors["name"].astype(str), strict=True))
    figures = facts.figures
    companies = figures[figures["subject"] == COMPANIES_SUBJECT]
    wholes = _whole_groups(ordered["countries"], scopes)
    pairs = pd.DataFrame([(value, group) for value, groups in wholes.items() for group in sorted(groups)],
                         columns=["countries", "group"], dtype=str)  # fmt: skip
    dated_values = pd.DataFrame(
        {"countries": ordered["countries"].head(dated).astype(str), "position": np.arange(dated)}
    )
    event_groups = dated_values.merge(pairs, on="countries")[["position", "group"]].sort_values(
        "position", kind="stable"
    )
    return CompareData(
        options=compare_options(facts),
        money=money[money["donor_code"].isin(donors)].reset_index(drop=True),
        events=ordered.head(dated),
        event_links=links[links["position"] < dated].reset_index(drop=True),
        event_groups=event_groups.reset_index(drop=True),
        donor_events=_donor_events(ordered, links, set(donors.astype(str))),
        companies=companies.reset_index(drop=True),
        scopes=scopes,
        names=names,
        kinds=dict(zip(actors["code"].astype(str), actors["kind"].astype(str), strict=True)),
        japans_kinds=japans_money_kinds(facts),
    )


def _whole_groups(countries: pd.Series, scopes: Scopes) -> dict[str, set[str]]:
    """Per distinct value of the events' `countries` ('JPN;CA5'), the groups it names as a whole.
    NOTE: per distinct value, not per event: 100,000 events use a few hundred combinations."""
    found = {}
    for value in pd.unique(countries.dropna().astype(str)):
        groups = scopes.whole_groups(value.split(";"))
        if groups:
            found[value] = groups
    return found


def _links(events: pd.DataFrame, scopes: Scopes) -> pd.DataFrame:
    """One row per (event, actor it names): event_id, code, position, own. `own` is False for the
    group and its members when the event names a group as a whole."""
    links = (
        events[["event_id", "countries"]]
        .assign(code=events["countries"].astype(str).str.split(";"), position=np.arange(len(events)))
        .explode("code")
    )
    covered = []  # (countries value, code) pairs that are not the code's own event
    for value, groups in _whole_groups(events["countries"], scopes).items():
        inside = set(groups).union(*(scopes.members(g) for g in groups))
        covered += [(value, code) for code in value.split(";") if code in inside]
    key = links["countries"].astype(str) + "\x1f" + links["code"].astype(str)
    region_wide = key.isin([f"{value}\x1f{code}" for value, code in covered])
    return links.assign(own=~region_wide.to_numpy(dtype=bool))[["event_id", "code", "position", "own"]].reset_index(
        drop=True
    )


def _donor_events(events: pd.DataFrame, links: pd.DataFrame, donors: set[str]) -> pd.DataFrame:
    """Per country, the events that name it (as its own, not as a member of a group named whole)
    and the donor: what the source says happened between them, with no amount."""
    with_donor = np.unique(links.loc[links["code"].isin(donors), "position"].to_numpy(dtype=int))
    own = links[links["own"] & links["position"].isin(with_donor) & ~links["code"].isin(donors)]
    rows = events[["event_id", "title", "year_start", "year_end"]].iloc[own["position"].to_numpy(dtype=int)]
    return rows.assign(code=own["code"].to_numpy()).reset_index(drop=True)


def in_currency(data: CompareData, currency: str) -> CompareData:
    """`data` with only the money in `currency`: a view shows one currency, as amounts are never
    converted, so cells, gaps and regional figures all read this one."""
    money = data.money
    return dataclasses.replace(data, money=money[money["currency"] == currency].reset_index(drop=True))
