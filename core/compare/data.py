"""The facts the comparison compares, prepared once per data version (filter-independent)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.compare.options import COMPANIES_SUBJECT, DONOR_ROLE, CompareOptions, compare_options
from core.facts import Facts
from core.money import money_view


@dataclass(frozen=True)
class CompareData:
    """The facts the page compares, prepared once per data version (filter-independent)."""

    options: CompareOptions
    money: pd.DataFrame  # Japan's money, as aid.money_view
    events: pd.DataFrame  # dated events in date order (an event with no stated date is counted nowhere)
    event_links: pd.DataFrame  # event_id, code: one row per actor an event names
    companies: pd.DataFrame  # figures of COMPANIES_SUBJECT


def compare_data(facts: Facts) -> CompareData:
    donors = facts.actors.loc[facts.actors["role"] == DONOR_ROLE, "code"]
    money = money_view(facts)
    # In date order, so a country's event positions, sorted, are its events in date order.
    dated = facts.events[facts.events["year_start"].notna()]
    events = dated.sort_values(["year_start", "year_end", "event_id"]).reset_index(drop=True)
    links = (
        events[["event_id", "countries"]]
        .assign(code=events["countries"].str.split(";"), position=np.arange(len(events)))
        .explode("code")
    )
    figures = facts.figures
    companies = figures[figures["subject"] == COMPANIES_SUBJECT]
    return CompareData(
        options=compare_options(facts),
        money=money[money["donor_code"].isin(donors)].reset_index(drop=True),
        events=events.reset_index(drop=True),
        event_links=links[["event_id", "code", "position"]].reset_index(drop=True),
        companies=companies.reset_index(drop=True),
    )
