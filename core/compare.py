"""The country comparison page's logic: countries as rows, metrics as columns, silence kept visible.

Pure functions of data frames; the page only wires them to widgets. A metric the source states
nothing about is NA ("not stated"), never 0. Event counts are counts over the data, so a country
with no event has a real 0. Figures for a region as a whole are kept apart and never divided among
its states. Money is summed within one status only, never across statuses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.aid import money_view, overlaps
from core.facts import Facts
from core.formatting import format_count, format_period, format_usd, lookup
from core.url_state import QueryReader, flag_value, year_range_value

COMPANIES = "companies"
EVENTS = "events"
SECURITY = "security"
LATEST = "latest"
COUNTED_EVENTS = (EVENTS, SECURITY)
COMPANIES_SUBJECT = "companies_japanese_capital"
SECURITY_CATEGORY = "security"
REGION_ROLE = "central_asia"  # the role whose states are compared by default, and whose region is shown apart
DONOR_ROLE = "japan"
SORTS = {"value": "By value", "name": "By name"}
VAGUE_SUM = "approximately"  # a sum that adds at least one vague figure is itself approximate
MAX_LISTED_EVENTS = 12  # region-wide events named in the page's sentence; the rest are counted


@dataclass(frozen=True)
class Metric:
    id: str
    label: str
    unit: str  # "usd", "count" or "text"
    status: str | None = None  # money metrics: the one status whose figures they add
    kind: str | None = None  # money by kind: the one kind of flow

    @property
    def charted(self) -> bool:
        return self.unit != "text"


@dataclass(frozen=True)
class FactNote:
    """One fact behind a cell: a line about it and, where the cell rests on its words, its quote."""

    id: str
    line: str
    quote: str | None
    source_id: str
    paragraph: int


@dataclass(frozen=True)
class CompareOptions:
    """What the filters can take, read from the data."""

    countries: dict[str, str]  # code -> name: the states, Japan aside; the region's states first
    default_countries: tuple[str, ...]
    metrics: dict[str, Metric]  # id -> metric, in the order of the table's columns
    default_metrics: tuple[str, ...]
    regions: dict[str, str]  # code -> name: regions and groups of REGION_ROLE (shown apart)
    region_states: tuple[str, ...]  # the states of REGION_ROLE, whose choice brings the regional figures
    years: tuple[int, int]

    def metric_labels(self) -> dict[str, str]:
        return {key: metric.label for key, metric in self.metrics.items()}


@dataclass(frozen=True)
class CompareFilters:
    countries: tuple[str, ...]
    metrics: tuple[str, ...]
    years: tuple[int, int]
    undated: bool  # keep money and counts whose period the source does not state
    sort: str

    def to_query(self) -> dict[str, str | tuple[str, ...]]:
        """Every value explicit, so the link keeps its meaning if a default changes."""
        return {
            "country": self.countries,
            "metric": self.metrics,
            "years": year_range_value(self.years),
            "undated": flag_value(self.undated),
            "sort": self.sort,
        }

    def summary(self, options: CompareOptions) -> dict[str, str]:
        """The filters in words, for a download's README."""
        return {
            "countries": ", ".join(options.countries[c] for c in self.countries) or "none",
            "metrics": "; ".join(options.metrics[m].label for m in self.metrics) or "none",
            "years": f"{self.years[0]}-{self.years[1]} (a figure or event is kept when its period overlaps)",
            "figures with no stated period": "kept" if self.undated else "dropped",
            "sort": SORTS[self.sort].lower(),
            "regional figures": "shown apart on the page, never divided among the states; not in this table",
        }


@dataclass(frozen=True)
class CompareData:
    """The facts the page compares, prepared once per data version (filter-independent)."""

    options: CompareOptions
    money: pd.DataFrame  # Japan's money, as aid.money_view
    events: pd.DataFrame  # dated events in date order (an event with no stated date is counted nowhere)
    event_links: pd.DataFrame  # event_id, code: one row per actor an event names
    companies: pd.DataFrame  # figures of COMPANIES_SUBJECT


def compare_options(facts: Facts) -> CompareOptions:
    actors = facts.actors
    states = actors[(actors["kind"] == "state") & (actors["role"] != DONOR_ROLE)]
    in_region = states["role"] == REGION_ROLE
    ordered = pd.concat([states[in_region], states[~in_region]])
    regions = actors[(actors["kind"] != "state") & (actors["role"] == REGION_ROLE)]
    metrics = _metrics(facts)
    default_metrics = tuple(m.id for m in metrics.values() if m.kind is None)
    years = pd.concat(
        [facts.money[c] for c in ("year_start", "year_end")]
        + [facts.events[c] for c in ("year_start", "year_end")]
        + [facts.figures[c] for c in ("year_start", "year_end")]
    ).dropna()
    region_states = tuple(states.loc[in_region, "code"])
    return CompareOptions(
        countries=dict(zip(ordered["code"], ordered["name"], strict=True)),
        default_countries=region_states or tuple(ordered["code"]),
        metrics=metrics,
        default_metrics=default_metrics,
        regions=dict(zip(regions["code"], regions["name"], strict=True)),
        region_states=region_states,
        years=(int(years.min()), int(years.max())) if len(years) else (1900, 2100),
    )


def _metrics(facts: Facts) -> dict[str, Metric]:
    """Money by status (every status), money by kind within one status (the pairs the data has),
    companies, event counts and the latest event."""
    statuses = facts.statuses.sort_values("firmness")
    status_labels = dict(zip(statuses["status"], statuses["label"], strict=True))
    metrics = [
        Metric(f"money.{s}", f"Japanese money: {label.lower()}", "usd", status=s) for s, label in status_labels.items()
    ]
    pairs = facts.money[["kind", "status"]].drop_duplicates()
    kind_order = {k: i for i, k in enumerate(facts.flow_kinds["kind"])}
    pairs = pairs.assign(
        kind_rank=lookup(pairs["kind"], kind_order, keep_code=False),
        firmness=lookup(pairs["status"], statuses.set_index("status")["firmness"], keep_code=False),
    ).sort_values(["kind_rank", "firmness"])
    kind_labels = facts.flow_kinds.set_index("kind")["label"]
    for kind, status in zip(pairs["kind"], pairs["status"], strict=True):
        label = f"{kind_labels.get(kind, kind)}: {status_labels.get(status, status).lower()}"
        metrics.append(Metric(f"{kind}.{status}", label, "usd", status=status, kind=kind))
    security = facts.categories.set_index("category")["label"].get(SECURITY_CATEGORY, "Security incidents")
    metrics += [
        Metric(COMPANIES, "Companies with Japanese capital", "count"),
        Metric(EVENTS, "Dated events", "count"),
        Metric(SECURITY, f"of which {security.lower()}", "count"),
        Metric(LATEST, "Latest dated event", "text"),
    ]
    return {m.id: m for m in metrics}


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


def default_filters(options: CompareOptions) -> CompareFilters:
    return CompareFilters(
        countries=options.default_countries,
        metrics=options.default_metrics,
        years=options.years,
        undated=True,
        sort="value",
    )


def read_filters(reader: QueryReader, options: CompareOptions) -> CompareFilters:
    default = default_filters(options)
    return CompareFilters(
        countries=reader.choices("country", list(options.countries), default.countries),
        metrics=reader.choices("metric", list(options.metrics), default.metrics),
        years=reader.year_range("years", options.years, default.years),
        undated=reader.flag("undated", default.undated),
        sort=reader.choice("sort", list(SORTS), default.sort),
    )


def chosen_metrics(options: CompareOptions, filters: CompareFilters) -> list[Metric]:
    """The chosen metrics in the options' order, so columns and panels keep one layout."""
    return [m for key, m in options.metrics.items() if key in filters.metrics]


def in_period(frame: pd.DataFrame, filters: CompareFilters) -> pd.Series:
    """Rows whose period overlaps the years (aid.overlaps), or that state no period when kept."""
    undated = frame["year_start"].isna() & filters.undated
    return overlaps(frame["year_start"], frame["year_end"], filters.years) | undated


def comparison(data: CompareData, filters: CompareFilters) -> pd.DataFrame:
    """One row per (country, metric): value (NA = not stated), qualifier, text for the screen and
    the facts behind it. Countries in the filters' order, metrics in the options' order."""
    # NOTE: each kind of metric is computed for every chosen country in one grouped pass. A cell at
    # a time cost a dozen pandas calls per cell and, at a million rows, a scan of the whole table
    # per country.
    metrics = chosen_metrics(data.options, filters)
    cells: dict[tuple[str, str], dict] = {}
    money = [m for m in metrics if m.unit == "usd"]
    if money:
        chosen = data.money["recipient_code"].isin(filters.countries) & in_period(data.money, filters)
        cells |= _money_cells(data.money, chosen.to_numpy(dtype=bool), money)
    if COMPANIES in filters.metrics:
        cells |= _companies_cells(data.companies[in_period(data.companies, filters)], filters.countries)
    if {EVENTS, SECURITY, LATEST} & set(filters.metrics):
        cells |= _event_cells(data, filters)
    rows = []
    for code in filters.countries:
        name = data.options.countries.get(code, code)
        for metric in metrics:
            missing = _count(np.array([], dtype=int), {}) if metric.id in COUNTED_EVENTS else _not_stated()
            rows.append({"country_code": code, "country": name, "metric": metric.id,
                         **cells.get((code, metric.id), missing)})  # fmt: skip
    columns = ["country_code", "country", "metric", "value", "qualifier", "text", "notes", "omitted"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"value": "Float64", "qualifier": "string", "text": "string"})


# Facts named per cell; a cell over a big data set sums thousands. NOTE: without this cap a 1M-row
# data set builds a note per row on every rerun.
NOTES_LIMIT = 20


def _not_stated() -> dict:
    return {"value": pd.NA, "qualifier": pd.NA, "text": pd.NA, "notes": (), "omitted": 0}


MONEY_NOTE_COLUMNS = ["flow_id", "amount_usd", "qualifier", "kind_label", "period", "status_label", "quote",
                      "source_id", "paragraph"]  # fmt: skip


def _money_cells(money: pd.DataFrame, chosen: np.ndarray, metrics: list[Metric]) -> dict[tuple[str, str], dict]:
    """Money cells of the `chosen` rows: the sum of one status (and kind), never across them.
    `money` largest first (aid.money_view), so a group's first rows are the largest it names."""
    cells = {}
    # Only the columns the sums need: at a million rows a copy of every column costs more than the sums.
    flows = money.loc[chosen, ["recipient_code", "kind", "status", "amount_usd", "qualifier"]]
    for by_kind in (False, True):
        wanted = {(m.kind, m.status): m.id for m in metrics if (m.kind is not None) == by_kind}
        if not wanted or flows.empty:
            continue
        keys = ["recipient_code", "kind", "status"] if by_kind else ["recipient_code", "status"]
        groups = flows.groupby(keys, observed=True, sort=False)
        sums = groups.agg(
            total=("amount_usd", "sum"), size=("amount_usd", "size"), vague=("qualifier", "count"),
            qualifier=("qualifier", "first"),
        )  # fmt: skip
        notes: dict[tuple, list[FactNote]] = {}
        top = money.loc[groups.head(NOTES_LIMIT).index, [*keys, *MONEY_NOTE_COLUMNS]]
        for row in top.itertuples(index=False, name=None):
            key, (flow_id, amount, qualifier, kind_label, period, status_label, quote, source_id, paragraph) = (
                row[: len(keys)], row[len(keys) :])  # fmt: skip
            line = f"{format_usd(amount, qualifier)} · {kind_label} · {period} · {status_label}"
            notes.setdefault(key, []).append(FactNote(str(flow_id), line, str(quote), str(source_id), int(paragraph)))
        for key, group in zip(sums.index, sums.itertuples(index=False), strict=True):
            metric_id = wanted.get((key[1] if by_kind else None, key[-1]))
            if metric_id is None:
                continue
            # One figure keeps its own word; a sum with any vague figure is approximate.
            qualifier = (group.qualifier if group.size == 1 else VAGUE_SUM) if group.vague else pd.NA
            named = tuple(notes[key])
            cells[(key[0], metric_id)] = {
                "value": int(group.total), "qualifier": qualifier, "text": format_usd(int(group.total), qualifier),
                "notes": named, "omitted": int(group.size) - len(named),
            }  # fmt: skip
    return cells


def _companies_cells(figures: pd.DataFrame, countries: tuple[str, ...]) -> dict[tuple[str, str], dict]:
    """Counts of companies are a stock, not a flow: never added; the latest stated one is shown."""
    ordered = figures[figures["country_code"].isin(countries)].sort_values(
        ["year_end", "year_start"], na_position="first", kind="stable"
    )
    cells = {}
    for latest in ordered.groupby("country_code", observed=True, sort=False).tail(1).itertuples():
        line = (
            f"{format_count(latest.value, latest.qualifier, latest.unit)} · "
            f"{format_period(latest.year_start, latest.year_end)}"
        )
        note = FactNote(str(latest.figure_id), line, str(latest.quote), str(latest.source_id), int(latest.paragraph))
        text = format_count(latest.value, latest.qualifier)
        qualifier = latest.qualifier
        cells[(latest.country_code, COMPANIES)] = {
            "value": int(latest.value), "qualifier": qualifier, "text": text, "notes": (note,), "omitted": 0,
        }  # fmt: skip
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


def _event_cells(data: CompareData, filters: CompareFilters) -> dict[tuple[str, str], dict]:
    """Event counts (a real 0 when none) and the latest event, per chosen country, from the links
    between events and the countries they name. Positions follow the events' date order
    (compare_data sorts them), so a country's last positions are its latest events, no sort needed."""
    events = data.events
    in_years = overlaps(events["year_start"], events["year_end"], filters.years).to_numpy(dtype=bool)
    security = (events["category"] == SECURITY_CATEGORY).to_numpy(dtype=bool)
    year_end = events["year_end"].to_numpy(dtype="float64", na_value=np.nan)
    links = data.event_links
    codes, positions = links["code"].to_numpy(dtype=object), links["position"].to_numpy(dtype=int)
    kept = in_years[positions]
    cells = {}
    for code in filters.countries:
        own = np.sort(positions[kept & (codes == code)])
        if not len(own):
            continue
        own_security = own[security[own]]
        last_year = np.nanmax(year_end[own])
        ending = own[year_end[own] == last_year]
        rows = _event_notes(events, np.unique(np.concatenate([own[-NOTES_LIMIT:], own_security[-NOTES_LIMIT:],
                                                              ending[-1:]])))  # fmt: skip
        cells[(code, EVENTS)] = _count(own, rows)
        cells[(code, SECURITY)] = _count(own_security, rows)
        latest = _event_note(rows[int(ending[-1])], quoted=True)
        # Events of the same last year are not ordered by the source; say that others share the year.
        others = len(ending) - 1
        text = latest.line + (f" and {others} more ending in {int(last_year)}" if others else "")
        cells[(code, LATEST)] = {"value": int(last_year), "qualifier": pd.NA, "text": text, "notes": (latest,),
                                 "omitted": 0}  # fmt: skip
    return cells


def _count(positions: np.ndarray, rows: dict[int, tuple]) -> dict:
    """A count over the data: 0 when there is no event (a real zero, not a gap); the latest
    NOTES_LIMIT events named."""
    named = positions[::-1][:NOTES_LIMIT]
    notes = tuple(_event_note(rows[int(p)], quoted=False) for p in named)
    return {"value": len(positions), "qualifier": pd.NA, "text": str(len(positions)), "notes": notes,
            "omitted": len(positions) - len(named)}  # fmt: skip


def order_records(cells: list[dict], sort: str) -> list[str]:
    """Country names in display order: by value (largest first, not stated last) or by name.
    `cells` as plain records, one per country (tiny, so plain Python)."""
    if sort == "name":
        ordered = sorted(cells, key=lambda c: str(c["country"]).casefold())
    else:
        ordered = sorted(cells, key=lambda c: (pd.isna(c["value"]), -float(0 if pd.isna(c["value"]) else c["value"]),
                                               str(c["country"]).casefold()))  # fmt: skip
    return [c["country"] for c in ordered]


def table(cells: pd.DataFrame, metrics: list[Metric], sort: str) -> pd.DataFrame:
    """Countries as rows and metrics as columns, as the page and the CSV show them: the words on
    screen, then money in exact dollars, then provenance. Gaps stay NA (for_display says 'not stated').
    Rows follow `sort`, by the first charted metric."""
    # Plain records: a row per country and metric, so dictionary lookups instead of pandas calls.
    by_country: dict[str, dict[str, dict]] = {}
    for cell in cells.to_dict("records"):
        by_country.setdefault(cell["country_code"], {})[cell["metric"]] = cell
    columns: dict[str, list] = {"country": [], "code": []}
    for metric in metrics:
        columns[metric.label] = []
    money = [m for m in metrics if m.unit == "usd"]
    for metric in money:
        columns[f"{metric.label} (US$, exact)"] = []
    provenance: dict[str, list] = {"fact ids": [], "source_id": [], "quote": [], "paragraph": []}
    for code, own in by_country.items():
        columns["country"].append(next(iter(own.values()))["country"])
        columns["code"].append(code)
        for metric in metrics:
            cell = own[metric.id]
            columns[metric.label].append(cell["value"] if metric.id in COUNTED_EVENTS else cell["text"])
        for metric in money:
            value = own[metric.id]["value"]
            columns[f"{metric.label} (US$, exact)"].append(pd.NA if pd.isna(value) else int(value))
        omitted = sum(int(own[m.id]["omitted"]) for m in metrics)
        _add_provenance(provenance, [note for m in metrics for note in own[m.id]["notes"]], omitted)
    types = {
        **{m.label: "Int64" if m.id in COUNTED_EVENTS else "string" for m in metrics},
        **{f"{m.label} (US$, exact)": "Int64" for m in money},
        **{name: "string" for name in provenance},
    }
    # Each column made with its type (text where none is named): one pass, where three astype calls copied the frame.
    frame = pd.DataFrame(
        {name: pd.array(values, dtype=types.get(name)) for name, values in {**columns, **provenance}.items()}
    )
    charted = [m for m in metrics if m.charted]
    if charted:
        first = [own[charted[0].id] for own in by_country.values()]
        order = order_records(first, sort)
    else:
        order = sorted(frame["country"], key=str.casefold) if sort == "name" else list(frame["country"])
    return frame.set_index("country").loc[order].reset_index()


def _add_provenance(columns: dict[str, list], notes: list[FactNote], omitted: int = 0) -> None:
    unique = list({note.id: note for note in notes}.values())
    quoted = [n for n in unique if n.quote is not None]
    more = f"; and {omitted:,} more (largest or latest named)" if omitted else ""
    columns["fact ids"].append(("; ".join(n.id for n in unique) + more) or pd.NA)
    columns["source_id"].append("; ".join(dict.fromkeys(n.source_id for n in unique)) or pd.NA)
    columns["quote"].append(" | ".join(f"{n.id}: {n.quote}" for n in quoted) or pd.NA)
    columns["paragraph"].append("; ".join(f"{n.id}: {n.paragraph}" for n in quoted) or pd.NA)


def regional_figures(data: CompareData, filters: CompareFilters) -> pd.DataFrame:
    """Figures the source gives for a region as a whole (money and companies of the chosen metrics),
    shown apart: never divided among, nor counted for, any state. Empty unless a chosen country
    belongs to the region's role."""
    return regional_part(data, filters)[0]


def regional_part(data: CompareData, filters: CompareFilters, limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """`regional_figures`, its first `limit` rows only (each metric's largest first), and how many
    there are in all: a big data set has tens of thousands, and only the shown ones become text."""
    columns = ["region", "metric", "value", "period", "status", "id", "source_id", "quote", "paragraph"]
    matched = _regional_money(data, filters)
    total = sum(len(rows) for _, rows in matched)
    if limit is not None:
        matched = _first_rows(matched, limit)
    parts = [
        # Column-wise, not row by row: a big data set has tens of thousands of regional figures.
        pd.DataFrame({
            "region": rows["recipient_name"].astype("string"), "metric": metric.label,
            "value": pd.array([format_usd(a, q) for a, q in zip(rows["amount_usd"], rows["qualifier"], strict=True)],
                              dtype="string"),
            "period": rows["period"].astype("string"),
            "status": rows["status_label"].astype("string"), "id": rows["flow_id"].astype("string"),
            "source_id": rows["source_id"].astype("string"), "quote": rows["quote"].astype("string"),
            "paragraph": rows["paragraph"],
        })
        for metric, rows in matched if len(rows)
    ]  # fmt: skip
    rows = []
    if COMPANIES in filters.metrics and _shows_region(data.options, filters):
        companies = data.companies[in_period(data.companies, filters)]
        for r in companies[companies["country_code"].isin(data.options.regions)].itertuples():
            rows.append([data.options.regions[r.country_code], data.options.metrics[COMPANIES].label,
                         format_count(r.value, r.qualifier), format_period(r.year_start, r.year_end), pd.NA,
                         r.figure_id, r.source_id, r.quote, r.paragraph])  # fmt: skip
    parts.append(pd.DataFrame(rows, columns=columns))
    combined = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else parts[-1]
    combined = combined.astype({"paragraph": "Int64", "status": "string"})
    total += len(parts[-1])  # the companies' figures: few, all built
    return (combined if limit is None else combined.head(limit)), total


def _regional_money(data: CompareData, filters: CompareFilters) -> list[tuple[Metric, pd.DataFrame]]:
    """Per chosen money metric, the region-wide rows it adds (largest first, as the money view)."""
    if not _shows_region(data.options, filters):
        return []
    money = data.money[in_period(data.money, filters) & data.money["recipient_code"].isin(data.options.regions)]
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
    """Dated events within the years that name a region as a whole: counted for no single state.
    Empty unless an event count is among the metrics."""
    if not _shows_region(data.options, filters) or not set(COUNTED_EVENTS) & set(filters.metrics):
        return data.events.iloc[0:0]
    # Row positions, not ids: isin on a column of 100k unique ids is slow, and positions keep the
    # events' date order.
    named = data.event_links.loc[data.event_links["code"].isin(data.options.regions), "position"]
    events = data.events.iloc[np.unique(named.to_numpy(dtype=int))]
    return events[overlaps(events["year_start"], events["year_end"], filters.years)]


def _shows_region(options: CompareOptions, filters: CompareFilters) -> bool:
    return bool(options.regions) and any(c in options.region_states for c in filters.countries)


def empty_reason(filters: CompareFilters) -> str | None:
    """Why there is nothing to compare, or None."""
    missing = [word for word, chosen in (("country", filters.countries), ("metric", filters.metrics)) if not chosen]
    if missing:
        return f"Choose at least one {' and one '.join(missing)} to compare."
    return None


def stated_nothing(cells: pd.DataFrame) -> bool:
    """True when every money and companies cell is a gap (e.g. a year range that excludes everything)."""
    gaps = cells[~cells["metric"].isin(COUNTED_EVENTS)]
    return bool(len(gaps)) and bool(gaps["value"].isna().all())
