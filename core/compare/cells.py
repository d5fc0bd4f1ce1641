"""The comparison's cells: one per (country, metric), each a value, "no total" or "not stated".

A money cell applies the one rule for sums (core.sums.add_up) to the country's figures of the
metric's status (and kind) that the filters keep: their total when they can be added; a single
figure as itself (one figure is not a sum); otherwise "no total", with the figures side by side
and the reason. "Not stated" says whose gap it is (the source's, or the filters') and lists the
related facts the source does state. A metric the source states nothing about is never 0; event
counts are counts over the data, so a country with no event has a real 0.

Region and members (core.scopes): a fact about a group as a whole (money or companies recorded for
the group, an event naming the group or every one of its members) is counted for no single member.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core import i18n
from core.compare.data import CompareData
from core.compare.params import (
    COMPANIES,
    COUNTED_EVENTS,
    EVENTS,
    LATEST,
    SECURITY,
    SECURITY_CATEGORY,
    CompareFilters,
    Metric,
    chosen_metrics,
)
from core.formatting import format_count, format_period, format_usd, is_missing
from core.i18n import N_, _, ngettext
from core.periods import overlaps
from core.scalars import as_int
from core.scopes import UNKNOWN
from core.sums import NO_END, NO_FIGURE, NO_PERIOD, NONE_INSIDE, OUTSIDE, Sum, add_up, period_problems

NO_TOTAL = N_("no total")  # the English; shown through _()
TERMS_IN_TEXT = 3  # figures named in a table cell's words; the hover names more, the fact ids all listed
RELATED_IN_TEXT = 3  # related facts named per kind in a "not stated" cell's words


@dataclass(frozen=True)
class FactNote:
    """One fact behind a cell: a line about it and, where the cell rests on its words, its quote."""

    id: str
    line: str
    quote: str | None
    source_id: str
    paragraph: int
    amount: int | None = None  # a money figure's amount in US$ (a term of a sum, or a related figure)
    qualifier: str | None = None  # and the source's word for it ("approximately")


@dataclass(frozen=True)
class Cell:
    """One country's value for one metric, and the facts it rests on.

    Three states, kept apart: a value (`value` set), no total (`reason` set: the figures, `terms`,
    cannot be added), and not stated (neither: `gap` says whose gap it is).
    """

    country_code: str
    country: str
    metric: str
    value: float | None  # None: not stated, or no total (see `reason`); never 0 for a gap
    qualifier: str | None = None  # the source's vague word, or the word of a total of vague figures
    text: str | None = None  # the cell in words, as the table shows it
    notes: tuple[FactNote, ...] = ()  # the facts behind it, at most NOTES_LIMIT
    omitted: int = 0  # facts behind it not named in `notes`
    reason: str | None = None  # no total: why the figures cannot be added (one sentence)
    terms: tuple[FactNote, ...] = ()  # no total: the figures side by side (the first NOTES_LIMIT)
    adds: str | None = None  # a total of several figures: what it adds ("2 figures: M1; M2")
    # A single figure shown as itself: why its period is not inside the years (core.sums' English
    # NO_PERIOD, NO_END or OUTSIDE; shown through _()).
    caveat: str | None = None
    gap: str | None = None  # not stated: whose gap ("the source gives no amount for Kyrgyzstan")
    related: tuple[FactNote, ...] = ()  # not stated: related facts the source states (first few)
    related_omitted: int = 0

    @property
    def stated(self) -> bool:
        return self.value is not None

    @property
    def no_total(self) -> bool:
        return self.reason is not None

    @property
    def figures(self) -> int:
        """How many facts the cell rests on (the terms of a sum, the events counted)."""
        return len(self.notes) + self.omitted


def in_period(frame: pd.DataFrame, filters: CompareFilters) -> pd.Series:
    """Rows whose period overlaps the years (periods.overlaps), or that state no period when kept."""
    undated = frame["year_start"].isna() & filters.undated
    return overlaps(frame["year_start"], frame["year_end"], filters.years) | undated


Cells = dict[tuple[str, str], Cell]  # (country code, metric id) -> cell


def comparison(data: CompareData, filters: CompareFilters) -> list[Cell]:
    """One cell per (country, metric): countries in the filters' order, metrics in the options' order."""
    # NOTE: each kind of metric is computed for every chosen country in one grouped pass. A cell at
    # a time cost a dozen pandas calls per cell and, at a million rows, a scan of the whole table
    # per country.
    metrics = chosen_metrics(data.options, filters)
    names = data.options.countries
    cells: Cells = {}
    money = [m for m in metrics if m.unit == "usd"]
    if money:
        chosen = data.money["recipient_code"].isin(filters.countries) & in_period(data.money, filters)
        cells |= _money_cells(data, chosen.to_numpy(dtype=bool), money, filters.years)
    if COMPANIES in filters.metrics:
        cells |= _companies_cells(data.companies[in_period(data.companies, filters)], filters.countries, names)
    if {EVENTS, SECURITY, LATEST} & set(filters.metrics):
        cells |= _event_cells(data, filters)
    gaps = [(code, m) for code in filters.countries for m in metrics if (code, m.id) not in cells]
    if gaps:
        cells |= _gap_cells(data, filters, gaps)
    return [cells[(code, metric.id)] for code in filters.countries for metric in metrics]


# Facts named per cell; a cell over a big data set sums thousands. NOTE: without this cap a 1M-row
# data set builds a note per row on every rerun.
NOTES_LIMIT = 20

# What add_up reads, and what a note about a figure shows.
SUM_COLUMNS = ["flow_id", "recipient_code", "amount_usd", "qualifier", "year_start", "year_end", "kind", "status",
               "kind_label", "status_label"]  # fmt: skip
NOTE_COLUMNS = ["period", "quote", "source_id", "paragraph"]


def _money_cells(data: CompareData, chosen: np.ndarray, metrics: list[Metric], years: tuple[int, int]) -> Cells:
    """Money cells of the `chosen` rows, one per (country, metric): add_up over the country's
    figures of the metric's status (and kind). `data.money` is largest first (money.money_view),
    so a group's first rows are the largest it names."""
    money, names = data.money, data.options.countries
    cells: Cells = {}
    # Only the columns the grouping needs: at a million rows a copy of every column is slow.
    flows = money.loc[chosen, ["recipient_code", "kind", "status", "year_start", "year_end"]]
    if flows.empty:
        return cells
    problems = period_problems(flows["year_start"], flows["year_end"], years)
    flows = flows.assign(problem=problems, inside=problems == "")
    inside = flows[flows["inside"]]
    for by_kind in (False, True):
        wanted = {(m.kind, m.status): m for m in metrics if (m.kind is not None) == by_kind}
        if not wanted:
            continue
        keys = ["recipient_code", "kind", "status"] if by_kind else ["recipient_code", "status"]
        groups = flows.groupby(keys, observed=True, sort=False)
        kinds = inside.groupby(keys, observed=True, sort=False)["kind"].nunique()
        apart = flows[~flows["inside"]].groupby([*keys, "problem"], observed=True, sort=False).size()
        # NOTE: add_up reads each figure it is given in Python (about 10 µs a figure): a cell of
        # 80,000 figures took a second. A cell whose figures cannot be added (its grouped counts
        # show another kind or a period apart) gets a digest instead: the figures it names and the
        # first of each kind, on which add_up's verdict and sentence are the same. Only figures
        # that can all be added are all given to it, for their exact total (about 2 s for ten
        # cells of 25,000-50,000 figures each, all of one kind with closed periods).
        digest_index = groups.head(NOTES_LIMIT).index.union(
            inside.groupby([*keys, "kind"] if not by_kind else keys, observed=True, sort=False).head(1).index
        )
        digest = money.loc[digest_index, SUM_COLUMNS + NOTE_COLUMNS]
        digests = dict(list(digest.groupby(keys, observed=True, sort=False)))
        positions = groups.indices
        for key, size in groups.size().items():
            key = key if isinstance(key, tuple) else (key,)
            metric = wanted.get((key[1] if by_kind else None, key[-1]))
            if metric is None:
                continue
            code = str(key[0])
            whys = {why: int(apart.get((*key, why), 0)) for why in (NO_PERIOD, NO_END, OUTSIDE)}
            named = digests[key]
            listed = named.head(NOTES_LIMIT)
            addable = size > 1 and not any(whys.values()) and int(kinds.get(key, 0)) == 1
            figures = money.loc[flows.index[positions[key]], SUM_COLUMNS] if addable else named
            total = add_up(figures, data.scopes, years, data.names)
            cells[(code, metric.id)] = _money_cell(
                code,
                names.get(code, code),
                metric,
                int(size),
                listed,
                total if addable else None,
                whys,
                None if addable else total,
            )
    return cells


def _money_notes(listed: pd.DataFrame) -> tuple[FactNote, ...]:
    notes = []
    for row in listed[["flow_id", "amount_usd", "qualifier", "kind_label", "period", "status_label", "quote",
                       "source_id", "paragraph"]].itertuples(index=False, name=None):  # fmt: skip
        flow_id, amount, qualifier, kind_label, period, status_label, quote, source_id, paragraph = row
        word = None if is_missing(qualifier) else str(qualifier)
        line = f"{format_usd(amount, word)} · {kind_label} · {period} · {status_label}"
        notes.append(FactNote(str(flow_id), line, str(quote), str(source_id), as_int(paragraph), as_int(amount), word))
    return tuple(notes)


def _money_cell(
    code: str,
    name: str,
    metric: Metric,
    size: int,
    listed: pd.DataFrame,
    total: Sum | None,
    whys: dict[str, int],
    digest: Sum | None,
) -> Cell:
    """One figure as itself; the total add_up gives over every figure (`total`); else no total,
    with add_up's verdict on the cell's digest (`digest`)."""
    notes = _money_notes(listed)
    omitted = size - len(notes)
    if size == 1:
        (note,) = notes
        caveat = next((why for why, count in whys.items() if count), None)
        words = format_usd(note.amount, note.qualifier)
        if caveat:
            period = str(listed["period"].iloc[0])
            words += f" ({_(caveat)})" if caveat != OUTSIDE else f" ({period}, {_(caveat)})"
        return Cell(code, name, metric.id, note.amount, note.qualifier, words, notes, caveat=caveat)
    if total is not None and total.total is not None and not total.apart_count:
        adds = total.added_words()
        short = _and_more("; ".join(n.id for n in notes[:TERMS_IN_TEXT]), size - TERMS_IN_TEXT)
        words = ngettext("{total} (total of {n} figure: {ids})", "{total} (total of {n} figures: {ids})", size).format(
            total=total.words(), n=i18n.number(size), ids=short
        )
        return Cell(code, name, metric.id, total.total, total.qualifier, words, notes, omitted, adds=adds)
    reason = _no_total_reason(digest or total, whys, size)
    terms = "; ".join(f"{format_usd(n.amount, n.qualifier)} ({n.id})" for n in notes[:TERMS_IN_TEXT])
    words = _("{figures} — no total: {reason}").format(figures=_and_more(terms, size - TERMS_IN_TEXT), reason=reason)
    return Cell(code, name, metric.id, None, None, words, notes, omitted, reason=reason, terms=notes)


def _and_more(items: str, more: int) -> str:
    """'M01; M02; M03; and 5 more' (the items as they are when there are no more)."""
    return _("{items}; and {n} more").format(items=items, n=i18n.number(more)) if more > 0 else items


def _no_total_reason(total: Sum | None, whys: dict[str, int], size: int) -> str:
    """Why a cell's figures have no total, in one sentence: add_up's reason about kinds (or
    statuses, scopes), then the periods that keep figures apart."""
    parts = []
    # add_up's reasons that say only that no figure's period lies inside the years (in the run's
    # language, as Sum.reason is): said per period here.
    period_only = (_(NONE_INSIDE), _(NO_FIGURE))
    if total is not None and total.total is None and total.reason not in period_only:
        parts.append(total.reason)
    for why, count in whys.items():
        if count:
            parts.append(_(why) if count == size else _("{why} ({count} of {size})").format(
                why=_(why), count=i18n.number(count), size=i18n.number(size)))  # fmt: skip
    return "; ".join(parts) or (total.reason if total is not None else _(NO_TOTAL))


def _companies_cells(figures: pd.DataFrame, countries: tuple[str, ...], names: Mapping[str, str]) -> Cells:
    """Counts of companies are a stock, not a flow: never added; the latest stated one is shown."""
    ordered = figures[figures["country_code"].isin(countries)].sort_values(
        ["year_end", "year_start"], na_position="first", kind="stable"
    )
    cells: Cells = {}
    for latest in ordered.groupby("country_code", observed=True, sort=False).tail(1).itertuples():
        line = (
            f"{format_count(latest.value, latest.qualifier, latest.unit)} · "
            f"{format_period(latest.year_start, latest.year_end)}"
        )
        note = FactNote(str(latest.figure_id), line, str(latest.quote), str(latest.source_id), as_int(latest.paragraph))
        code = str(latest.country_code)
        qualifier = None if is_missing(latest.qualifier) else str(latest.qualifier)
        text = format_count(latest.value, qualifier)
        cells[(code, COMPANIES)] = Cell(code, names.get(code, code), COMPANIES, as_int(latest.value), qualifier, text,
                                        (note,))  # fmt: skip
    return cells


EVENT_NOTE_COLUMNS = ["event_id", "title", "year_start", "year_end", "quote", "source_id", "paragraph"]


def _event_notes(events: pd.DataFrame, positions: np.ndarray) -> dict[int, tuple]:
    """The columns a note needs, for the events at `positions`, as plain tuples by position."""
    rows = events[EVENT_NOTE_COLUMNS].iloc[positions]
    return dict(zip(positions.tolist(), rows.itertuples(index=False, name=None), strict=True))


def _event_note(row: tuple, quoted: bool) -> FactNote:
    event_id, title, start, end, quote, source_id, paragraph = row
    return FactNote(
        id=str(event_id),
        line=f"{title} ({format_period(start, end)})",
        quote=str(quote) if quoted else None,
        source_id=str(source_id),
        paragraph=int(paragraph),
    )


def _event_cells(data: CompareData, filters: CompareFilters) -> Cells:
    """Event counts (a real 0 when none) and the latest event, per chosen country, from the links
    between events and the countries they name as their own: an event naming a group as a whole
    is counted for none of its members (data.event_links' `own`). Positions follow the events'
    date order (compare_data sorts them), so a country's last positions are its latest events."""
    events = data.events
    in_years = overlaps(events["year_start"], events["year_end"], filters.years).to_numpy(dtype=bool)
    security = (events["category"] == SECURITY_CATEGORY).to_numpy(dtype=bool)
    year_end = events["year_end"].to_numpy(dtype="float64", na_value=np.nan)
    links = data.event_links
    codes, positions = links["code"].to_numpy(dtype=object), links["position"].to_numpy(dtype=int)
    kept = in_years[positions] & links["own"].to_numpy(dtype=bool)
    names = data.options.countries
    cells: Cells = {}
    for code in filters.countries:
        own = np.sort(positions[kept & (codes == code)])
        if not len(own):
            continue
        own_security = own[security[own]]
        last_year = np.nanmax(year_end[own])
        ending = own[year_end[own] == last_year]
        rows = _event_notes(events, np.unique(np.concatenate([own[-NOTES_LIMIT:], own_security[-NOTES_LIMIT:],
                                                              ending[-1:]])))  # fmt: skip
        cells[(code, EVENTS)] = _count(code, names, EVENTS, own, rows)
        cells[(code, SECURITY)] = _count(code, names, SECURITY, own_security, rows)
        latest = _event_note(rows[int(ending[-1])], quoted=True)
        # Events of the same last year are not ordered by the source; say that others share the year.
        others = len(ending) - 1
        text = latest.line if not others else ngettext(
            "{event} and {n} more ending in {year}", "{event} and {n} more ending in {year}", others
        ).format(event=latest.line, n=others, year=int(last_year))  # fmt: skip
        cells[(code, LATEST)] = Cell(code, names.get(code, code), LATEST, int(last_year), None, text, (latest,))
    return cells


def _count(code: str, names: Mapping[str, str], metric: str, positions: np.ndarray, rows: dict[int, tuple]) -> Cell:
    """A count over the data: 0 when there is no event (a real zero, not a gap); the latest
    NOTES_LIMIT events named."""
    named = positions[::-1][:NOTES_LIMIT]
    notes = tuple(_event_note(rows[int(p)], quoted=False) for p in named)
    return Cell(code, names.get(code, code), metric, len(positions), None, str(len(positions)), notes,
                len(positions) - len(named))  # fmt: skip


# --- not stated, and what the source does state -------------------------------------------------


def _gap_cells(data: CompareData, filters: CompareFilters, gaps: list[tuple[str, Metric]]) -> Cells:
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
            cells[(code, metric.id)] = _count(code, names, metric.id, np.array([], dtype=int), {})
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
            return _("the source gives no amount for {country}").format(country=name), _("the source gives no amount")
        return _("the source gives no figure for {country}").format(country=name), _("the source gives no figure")
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
    return Cell(code, name, metric.id, None, None, text, gap=gap, related=tuple(shown),
                related_omitted=len(related) - len(shown))  # fmt: skip


def _ids(notes: list[FactNote]) -> str:
    more = len(notes) - RELATED_IN_TEXT
    ids = ", ".join(n.id for n in notes[:RELATED_IN_TEXT])
    return _("{ids} and {n} more").format(ids=ids, n=i18n.number(more)) if more > 0 else ids


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
            note = _regional_note(row.flow_id, format_usd(row.amount_usd, row.qualifier), data.names.get(group, group),
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
    amount = getattr(row, "amount_usd", None)
    qualifier = getattr(row, "qualifier", None)
    return FactNote(str(fact_id), line, str(getattr(row, "quote", "")), str(getattr(row, "source_id", "")),
                    as_int(getattr(row, "paragraph", 0)), None if is_missing(amount) else as_int(amount),
                    None if is_missing(qualifier) else str(qualifier))  # fmt: skip


def _donor_events(data: CompareData, code: str) -> list[FactNote]:
    """Events naming the country (as its own) and Japan: facts with no amount."""
    rows = data.donor_events[data.donor_events["code"] == code]
    line = _("{title} ({period}), an event with no amount")
    return [FactNote(str(r.event_id), line.format(title=r.title, period=format_period(r.year_start, r.year_end)),
                     None, "", 0) for r in rows.itertuples()]  # fmt: skip


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
    return Cell(code, name, LATEST, None, None, _("not stated ({gap})").format(gap=short), gap=gap)


def stated_nothing(cells: list[Cell]) -> bool:
    """True when every money and companies cell is a gap (e.g. a year range that excludes everything):
    a "no total" is not a gap, the source states figures there."""
    gaps = [c for c in cells if c.metric not in COUNTED_EVENTS and c.metric != LATEST]
    return bool(gaps) and not any(c.stated or c.no_total for c in gaps)
