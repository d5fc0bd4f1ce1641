"""Not-stated cells: a metric with no fact the filters keep. Each says whose gap it is (the source's,
when it gives no figure for the country; else the filters', when they leave its figures out) and
names the related facts the source does state: figures for a group that contains the country
(never divided among its members) and, for money, the events naming it and Japan.

An event count with nothing counted is not a gap: it is a real 0 (counts.count_cell).
"""

from __future__ import annotations

import numpy as np

from core.compare.cells.cell import NOTES_LIMIT, Cell, Cells, FactNote, NotStated
from core.compare.cells.counts import count_cell
from core.compare.data import CompareData
from core.compare.params import COMPANIES, COUNTED_EVENTS, LATEST, CompareFilters, Metric
from core.formatting import first_and_more, format_count, format_period, format_usd, is_missing
from core.i18n import N_, _
from core.scalars import as_int
from core.scopes import UNKNOWN

RELATED_IN_TEXT = 3  # related facts named per kind in a "not stated" cell's words
IDS_AND_MORE = N_("{items} and {n} more")  # after ids joined by commas


def gap_cells(data: CompareData, filters: CompareFilters, gaps: list[tuple[str, Metric]]) -> Cells:
    """The cells with no fact kept: an event count of 0 (a real zero), else not stated, saying
    whose gap it is and naming the related facts the source states."""
    names = data.options.countries
    cells: Cells = {}
    money = [(code, m) for code, m in gaps if m.unit == "usd"]
    held = _money_held(data, {code for code, _ in money})
    regional = _regional_related(data, {code for code, _ in money}, {code for code, m in gaps if m.id == COMPANIES})
    for code, metric in gaps:
        name = names.get(code, code)
        if metric.id in COUNTED_EVENTS:
            cells[(code, metric.id)] = count_cell(code, names, metric.id, np.array([], dtype=int), {})
        elif metric.id == LATEST:
            cells[(code, metric.id)] = _latest_gap(data, code, name)
        elif metric.id == COMPANIES:
            mine = data.companies[data.companies["country_code"] == code]
            gap, short = _whose_gap(len(mine), int(mine["year_start"].notna().sum()), filters, name, "figure")
            related = regional.get((code, COMPANIES), [])
            cells[(code, metric.id)] = _gap(code, name, metric, gap, short, related, [])
        else:
            count, dated = held.get((code, metric.kind, str(metric.status)), (0, 0))
            gap, short = _whose_gap(count, dated, filters, name, "amount")
            related = regional.get((code, metric.id if metric.kind else f"status:{metric.status}"), [])
            cells[(code, metric.id)] = _gap(code, name, metric, gap, short, related, _donor_events(data, code))
    return cells


def _money_held(data: CompareData, codes: set[str]) -> dict[tuple[str, str | None, str], tuple[int, int]]:
    """Per (country, kind or None, status): how many figures the data holds, and how many of them
    state a period, whatever the filters. One grouped pass over the countries' rows."""
    if not codes:
        return {}
    rows = data.money.loc[data.money["recipient_code"].isin(codes), ["recipient_code", "kind", "status", "year_start"]]
    held: dict[tuple[str, str | None, str], tuple[int, int]] = {}
    for keys in (["recipient_code", "status"], ["recipient_code", "kind", "status"]):
        counts = rows.groupby(keys, observed=True).agg(count=("status", "size"), dated=("year_start", "count"))
        for key, count, dated in zip(counts.index, counts["count"], counts["dated"], strict=True):
            code, kind, status = (key[0], None, key[1]) if len(keys) == 2 else key
            held[(str(code), None if kind is None else str(kind), str(status))] = (int(count), int(dated))
    return held


def _whose_gap(count: int, dated: int, filters: CompareFilters, name: str, what: str) -> tuple[str, str]:
    """(the gap in words, its short form): the source's, when it gives no figure for the country
    (`what`: "figure" or "amount"); else the filters', when the data has figures they leave out."""
    if not count:
        if what == "amount":
            return _("no source gives an amount for {country}").format(country=name), _("no source gives an amount")
        return _("no source gives a figure for {country}").format(country=name), _("no source gives a figure")
    years = bool(dated)
    options = count > dated and not filters.undated
    if options and not years:
        words = _("no figure for {country} with the options chosen (figures with no stated period are left out)")
        return words.format(country=name), _("no figure with the options chosen")
    if options:
        words = _("no figure for {country} in the years and options chosen")
        return words.format(country=name), _("no figure in the years and options chosen")
    return _("no figure for {country} in the years chosen").format(country=name), _("no figure in the years chosen")


def _gap(code: str, name: str, metric: Metric, gap: str, short: str, regional: list[tuple[FactNote, str]],
         events: list[FactNote]) -> Cell:  # fmt: skip
    """A not-stated cell: whose gap, and the related facts (regional figures, then events)."""
    wider = [note for note, _kind in regional]
    related = wider + events
    shown = related[:NOTES_LIMIT]
    see = []
    if regional:
        if all(kind == "region" for _note, kind in regional):
            see.append(_("{facts} for the region").format(facts=_ids(wider)))
        else:
            see.append(_("{facts} for a group that includes it").format(facts=_ids(wider)))
    if events:
        see.append(_ids(events))
    if see:
        text = _("not stated ({gap}; see {facts})").format(gap=short, facts=", ".join(see))
    else:
        text = _("not stated ({gap})").format(gap=short)
    return Cell(code, name, metric.id, NotStated(gap, tuple(shown), len(related) - len(shown)), text)


def _ids(notes: list[FactNote]) -> str:
    """'M02, M05, E02 and 4 more'."""
    return first_and_more([n.id for n in notes], RELATED_IN_TEXT, separator=", ", more=IDS_AND_MORE)


def _regional_related(
    data: CompareData, money_codes: set[str], companies_codes: set[str]
) -> dict[tuple[str, str], list[tuple[FactNote, str]]]:
    """Per (country, money metric id or "status:S", or COMPANIES): figures the source gives for a
    group that contains the country (Scopes.groups_of), the largest first, with the group's kind.
    Whatever the filters: they are facts about the country's region, not the country's own."""
    found: dict[tuple[str, str], list[tuple[FactNote, str]]] = {}
    groups = {code: data.scopes.groups_of(code) for code in money_codes | companies_codes}
    wanted = set().union(*groups.values()) if groups else set()
    if not wanted:
        return found
    # The largest few per (group, status, kind): a group of a big data set has thousands.
    money = data.money[data.money["recipient_code"].isin(wanted)] if money_codes else data.money.iloc[0:0]
    top = money.groupby(["recipient_code", "status", "kind"], observed=True, sort=False).head(NOTES_LIMIT)
    companies = data.companies[data.companies["country_code"].isin(wanted)]
    for code, within in groups.items():
        rows = top[top["recipient_code"].isin(within)] if code in money_codes else top.iloc[0:0]
        for row in rows.itertuples():
            group = str(row.recipient_code)
            amount = format_usd(row.amount, row.qualifier, currency=row.currency)
            note = _regional_note(row.flow_id, amount, data.names.get(group, group),
                                  str(row.period), within[group], row)  # fmt: skip
            entry = (note, data.kinds.get(group, "group"))
            found.setdefault((code, f"status:{row.status}"), []).append(entry)
            found.setdefault((code, f"{row.kind}.{row.status}"), []).append(entry)
        mine = companies[companies["country_code"].isin(within)] if code in companies_codes else companies.iloc[0:0]
        for row in mine.itertuples():
            group = str(row.country_code)
            note = _regional_note(row.figure_id, format_count(row.value, row.qualifier), data.names.get(group, group),
                                  format_period(row.year_start, row.year_end), within[group], row)  # fmt: skip
            found.setdefault((code, COMPANIES), []).append((note, data.kinds.get(group, "group")))
    return found


def _regional_note(fact_id: object, value: str, group: str, period: str, basis: str, row: object) -> FactNote:
    if basis == UNKNOWN:
        line = _("{value} for {group} ({period}), which may include it: not divided among its members")
    else:
        line = _("{value} for {group} ({period}), which includes it: not divided among its members")
    line = line.format(value=value, group=group, period=period)
    amount = getattr(row, "amount", None)
    qualifier = getattr(row, "qualifier", None)
    return FactNote(str(fact_id), line, str(getattr(row, "quote", "")), str(getattr(row, "source_id", "")),
                    str(getattr(row, "locator", "")), None if is_missing(amount) else as_int(amount),
                    None if is_missing(qualifier) else str(qualifier))  # fmt: skip


def _donor_events(data: CompareData, code: str) -> list[FactNote]:
    """Events naming the country (as its own) and Japan: facts with no amount."""
    rows = data.donor_events[data.donor_events["code"] == code]
    line = _("{title} ({period}), an event with no amount")
    return [FactNote(str(r.event_id), line.format(title=r.title, period=format_period(r.year_start, r.year_end)),
                     None, "", "") for r in rows.itertuples()]  # fmt: skip


def _latest_gap(data: CompareData, code: str, name: str) -> Cell:
    """No dated event of the country's own in the years: say so, and whether region-wide events name it."""
    links = data.event_links[data.event_links["code"] == code]
    own, shared = bool(links["own"].any()), bool((~links["own"]).any())
    if own:
        gap = _("no dated event of {country}'s own in the years chosen").format(country=name)
        short = _("no dated event of its own in the years chosen")
    else:
        gap = _("the source dates no event of {country}'s own").format(country=name)
        short = _("no dated event of its own")
    if shared:
        gap = _("{gap} (events of its region as a whole are shown apart)").format(gap=gap)
    return Cell(code, name, LATEST, NotStated(gap), _("not stated ({gap})").format(gap=short))
