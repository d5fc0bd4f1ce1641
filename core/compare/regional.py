"""Figures and events of a region or group as a whole: shown apart, never divided among, nor counted
for, any of its members (core.scopes states the rule; core.compare.data applies it to events).

The groups shown are those that contain a chosen country, through the memberships table (and the
regions of REGION_ROLE when one of their states is chosen, memberships or not).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.compare.cells import in_period
from core.compare.data import CompareData, in_currency
from core.compare.params import COMPANIES, COUNTED_EVENTS, LATEST, CompareFilters, Metric, chosen_metrics
from core.formatting import format_count, format_period, format_usd
from core.i18n import N_, _
from core.periods import overlaps

# The regional table's columns, in English; the screen shows them through _() (`headings`).
COLUMNS = [N_("region"), N_("metric"), N_("value"), N_("period"), N_("status"), N_("id"), N_("source_id"),
           N_("quote"), N_("locator")]  # fmt: skip


def headings() -> dict[str, str]:
    """The regional table's column names -> the headings shown on screen, in the run's language."""
    return {name: _(name) for name in COLUMNS}


def shown_groups(data: CompareData, filters: CompareFilters) -> list[str]:
    """The regions and groups whose facts are shown apart: those containing a chosen country."""
    groups = {group for code in filters.countries for group in data.scopes.groups_of(code)}
    if any(c in data.options.region_states for c in filters.countries):
        groups |= set(data.options.regions)
    order = list(data.options.regions) + sorted(data.scopes.direct)
    return sorted(groups, key=lambda g: (order.index(g) if g in order else len(order), g))


def regional_figures(data: CompareData, filters: CompareFilters) -> pd.DataFrame:
    """Figures the source gives for a region or group as a whole (money and companies of the chosen
    metrics), shown apart: never divided among, nor counted for, any member. Empty unless a chosen
    country belongs to one."""
    data = in_currency(data, filters.currency)
    return regional_part(data, filters)[0]


def regional_part(data: CompareData, filters: CompareFilters, limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """`regional_figures`, its first `limit` rows only (each metric's largest first), and how many
    there are in all: a big data set has tens of thousands, and only the shown ones become text."""
    data = in_currency(data, filters.currency)
    columns = COLUMNS
    groups = shown_groups(data, filters)
    matched = _regional_money(data, filters, groups)
    total = sum(len(rows) for _, rows in matched)
    if limit is not None:
        matched = _first_rows(matched, limit)
    parts = [
        # Column-wise, not row by row: a big data set has tens of thousands of regional figures.
        pd.DataFrame({
            "region": rows["recipient_name"].astype("string"), "metric": metric.label,
            "value": pd.array([format_usd(a, q, currency=c) for a, q, c in
                               zip(rows["amount"], rows["qualifier"], rows["currency"], strict=True)],
                              dtype="string"),
            "period": rows["period"].astype("string"),
            "status": rows["status_label"].astype("string"), "id": rows["flow_id"].astype("string"),
            "source_id": rows["source_id"].astype("string"), "quote": rows["quote"].astype("string"),
            "locator": rows["locator"].astype("string"),
        })
        for metric, rows in matched if len(rows)
    ]  # fmt: skip
    rows = []
    if COMPANIES in filters.metrics and groups:
        companies = data.companies[in_period(data.companies, filters)]
        for r in companies[companies["country_code"].isin(groups)].itertuples():
            rows.append([data.names.get(str(r.country_code), str(r.country_code)),
                         data.options.metrics[COMPANIES].label, format_count(r.value, r.qualifier),
                         format_period(r.year_start, r.year_end), pd.NA, r.figure_id, r.source_id, r.quote,
                         r.locator])  # fmt: skip
    parts.append(pd.DataFrame(rows, columns=columns))
    combined = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else parts[-1]
    combined = combined.astype({"locator": "string", "status": "string"})
    total += len(parts[-1])  # the companies' figures: few, all built
    return (combined if limit is None else combined.head(limit)), total


def _regional_money(data: CompareData, filters: CompareFilters, groups: list[str]) -> list[tuple[Metric, pd.DataFrame]]:
    """Per chosen money metric, the rows of the shown groups it would add (largest first, as the money view)."""
    if not groups:
        return []
    money = data.money[in_period(data.money, filters) & data.money["recipient_code"].isin(groups)]
    return [
        (m, money[(money["status"] == m.status) & ((money["kind"] == m.kind) if m.kind else True)])
        for m in chosen_metrics(data.options, filters)
        if m.unit == "usd"
    ]


def _first_rows(parts: list[tuple[Metric, pd.DataFrame]], limit: int) -> list[tuple[Metric, pd.DataFrame]]:
    kept = []
    for metric, rows in parts:
        kept.append((metric, rows.head(max(limit, 0))))
        limit -= len(rows)
    return kept


def regional_events(data: CompareData, filters: CompareFilters) -> pd.DataFrame:
    """Dated events within the years that name a shown region or group as a whole (by its code or
    by naming all its members): counted for none of its members, so listed here. Empty unless an
    event count or the latest event is among the metrics."""
    groups = shown_groups(data, filters)
    if not groups or not {*COUNTED_EVENTS, LATEST} & set(filters.metrics):
        return data.events.iloc[0:0]
    # Row positions, not ids: isin on a column of 100k unique ids is slow, and positions keep the
    # events' date order.
    named = data.event_groups.loc[data.event_groups["group"].isin(groups), "position"]
    events = data.events.iloc[np.unique(named.to_numpy(dtype=int))]
    return events[overlaps(events["year_start"], events["year_end"], filters.years)]


def memberships_words(data: CompareData, groups: list[str]) -> str:
    """'Central Asian states: Kazakhstan, Kyrgyzstan, …; Developing countries …: may include
    Afghanistan', for the groups shown (their members as the memberships table states them)."""
    parts = []
    for group in groups:
        members = data.scopes.members(group)
        certain = [data.names.get(m, m) for m, basis in members.items() if basis != "unknown"]
        open_ = [data.names.get(m, m) for m, basis in members.items() if basis == "unknown"]
        words = ", ".join(certain)
        if open_:
            words = _("{members}; may include {others}").format(members=words, others=", ".join(open_))
        if words:
            parts.append(f"{data.names.get(group, group)}: {words}")
    return "; ".join(parts)
