"""The comparison table: countries as rows, metrics as columns, then the facts behind each row.

A money metric's "(US$, exact)" column holds a number only where the cell has one (a total, or a
single figure); it is empty for "no total" (the words column lists the figures and says why) and
a gap ("not stated") where the source or the filters leave nothing.

The column names are English in every language (a metric's `column`); the table on screen has
the headings in the run's language (`headings`). The CSV is `csv_table`: the same cells, one row
per country and metric, money and counts as integers (a tidy table pandas can filter and pivot).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from core.columns import LIST_SEPARATOR, QUOTE_SEPARATOR
from core.compare.cells import Cell, FactNote, NoTotal, NotStated, Stated
from core.compare.cells.cell import cell_sources
from core.compare.params import COUNTED_EVENTS, Metric
from core.formatting import currency_unit, first_and_more
from core.i18n import N_, _

# The columns besides the metrics', in English (the CSV's names); shown through _().
COUNTRY, CODE = N_("country"), N_("code")
PROVENANCE = (N_("fact ids"), N_("source_id"), N_("quote"), N_("locator"))
# The CSV's names for a currency in a column name (English, as every CSV name is).
CURRENCY_MARKS = {"USD": "US$", "JPY": "¥"}
EXACT = N_("{metric} ({unit}, exact)")  # a money metric's column of exact amounts, in its currency
# The facts a row names: each cell's first NOTES_LIMIT (core.compare.cells), then how many more.
LARGEST_OR_LATEST = N_("{items}; and {n} more (largest or latest named)")


def exact_column(metric: Metric) -> str:
    """A money metric's column of exact dollars, as the CSV names it."""
    return EXACT.format(metric=metric.column, unit=CURRENCY_MARKS.get(metric.currency, metric.currency))


def headings(metrics: list[Metric]) -> dict[str, str]:
    """The table's column names -> the headings shown on screen, in the run's language."""
    names = {name: _(name) for name in (COUNTRY, CODE, *PROVENANCE)}
    names |= {m.column: m.label for m in metrics}
    names |= {exact_column(m): _(EXACT).format(metric=m.label, unit=currency_unit(m.currency))
              for m in metrics if m.unit == "usd"}  # fmt: skip
    return names


def order_cells(cells: list[Cell], sort: str) -> list[str]:
    """Country names in display order: by value (largest first, then "no total", not stated last)
    or by name. `cells`: one per country, of one metric."""
    if sort == "name":
        ordered = sorted(cells, key=lambda c: c.country.casefold())
    else:
        ordered = sorted(cells, key=lambda c: (_rank(c), -(c.value or 0.0), -c.figures, c.country.casefold()))
    return [c.country for c in ordered]


_RANKS = {Stated: 0, NoTotal: 1, NotStated: 2}  # a value first, then "no total", "not stated" last


def _rank(cell: Cell) -> int:
    return _RANKS[type(cell.state)]


def table(cells: list[Cell], metrics: list[Metric], sort: str) -> pd.DataFrame:
    """Countries as rows and metrics as columns, as the page and the CSV show them: the words on
    screen, then money in exact dollars, then provenance. Gaps stay NA (for_display says 'not stated').
    Rows follow `sort`, by the first charted metric."""
    by_country: dict[str, dict[str, Cell]] = {}
    for cell in cells:
        by_country.setdefault(cell.country_code, {})[cell.metric] = cell
    columns: dict[str, list] = {COUNTRY: [], CODE: []}
    for metric in metrics:
        columns[metric.column] = []
    money = [m for m in metrics if m.unit == "usd"]
    for metric in money:
        columns[exact_column(metric)] = []
    provenance: dict[str, list] = {name: [] for name in PROVENANCE}
    for code, own in by_country.items():
        columns[COUNTRY].append(next(iter(own.values())).country)
        columns[CODE].append(code)
        for metric in metrics:
            cell = own[metric.id]
            columns[metric.column].append(cell.value if metric.id in COUNTED_EVENTS else cell.text)
        for metric in money:
            cell = own[metric.id]
            exact = "" if isinstance(cell.state, NoTotal) else pd.NA if cell.value is None else int(cell.value)
            columns[exact_column(metric)].append(exact)
        omitted = sum(own[m.id].omitted for m in metrics)
        _add_provenance(provenance, [note for m in metrics for note in own[m.id].notes], omitted)
    # An exact column with a "no total" is text: its empty cell is not a gap (NA reads "not stated").
    types: dict[str, Literal["Int64", "string"]] = {
        **{m.column: "Int64" if m.id in COUNTED_EVENTS else "string" for m in metrics},
        **{exact_column(m): "string" if _has_text(columns[exact_column(m)]) else "Int64" for m in money},
        **{name: "string" for name in provenance},
    }
    # Each column made with its type (text where none is named): one pass, where three astype calls copied the frame.
    frame = pd.DataFrame(
        {name: pd.array(_as(values, types.get(name)), dtype=types.get(name))
         for name, values in {**columns, **provenance}.items()}
    )  # fmt: skip
    charted = [m for m in metrics if m.charted]
    if charted:
        first = [own[charted[0].id] for own in by_country.values()]
        order = order_cells(first, sort)
    else:
        order = sorted(frame[COUNTRY], key=str.casefold) if sort == "name" else list(frame[COUNTRY])
    return frame.set_index(COUNTRY).loc[order].reset_index()


def _has_text(values: list) -> bool:
    return any(isinstance(v, str) for v in values)


def _as(values: list, dtype: str | None) -> list:
    """Numbers as their digits in a text column (the CSV writes them the same)."""
    return [str(v) if isinstance(v, int) else v for v in values] if dtype == "string" else values


@dataclass(frozen=True)
class _Provenance:
    """A cell's facts, each once, and their sources, locators and quotes joined as the screen's
    table and the CSV both write them ('' where there are none)."""

    facts: list[FactNote]
    sources: str
    locators: str
    quotes: str


def _provenance(notes: Sequence[FactNote]) -> _Provenance:
    unique = list({note.id: note for note in notes}.values())
    quoted = [n for n in unique if n.quote is not None]
    return _Provenance(
        facts=unique,
        sources=LIST_SEPARATOR.join(cell_sources(tuple(unique))),
        locators=LIST_SEPARATOR.join(f"{n.id}: {n.locator}" for n in quoted),
        quotes=QUOTE_SEPARATOR.join(f"{n.id}: {n.quote}" for n in quoted),
    )


def _add_provenance(columns: dict[str, list], notes: list[FactNote], omitted: int = 0) -> None:
    cited = _provenance(notes)
    ids = [n.id for n in cited.facts]
    shown_ids = first_and_more(ids, len(ids), total=len(ids) + omitted, more=LARGEST_OR_LATEST)
    fact_ids, source_id, quote, locator = PROVENANCE
    columns[fact_ids].append(shown_ids or pd.NA)
    columns[source_id].append(cited.sources or pd.NA)
    columns[quote].append(cited.quotes or pd.NA)
    columns[locator].append(cited.locators or pd.NA)


# The CSV: one row per country and metric (core.columns describes each column). Money and counts
# are numbers in one integer column, `value`, with `unit` and the source's `qualifier` beside it;
# `value_status` says what an empty value means. The screen keeps the wide table above.
CSV_COLUMNS = ("country_code", "country", "metric_id", "metric", "unit", "status_code", "kind_code", "value",
               "qualifier", "value_status", "text", "fact_ids", "source_ids", "locators", "quotes")  # fmt: skip


def csv_table(cells: list[Cell], metrics: list[Metric], countries: list[str]) -> pd.DataFrame:
    """The comparison as a tidy table: for each country (in `countries`' order, by name) each
    metric, in the metrics' order. List-valued cells join their items with core.columns.LIST_SEPARATOR."""
    by_key = {(c.country, c.metric): c for c in cells}
    rows = []
    for country in countries:
        for metric in metrics:
            cell = by_key.get((country, metric.id))
            if cell is None:
                continue
            cited = _provenance(cell.notes)
            rows.append(
                {
                    "country_code": cell.country_code,
                    "country": cell.country,
                    "metric_id": metric.id,
                    "metric": metric.column,
                    "unit": metric.currency.lower() if metric.unit == "usd" else metric.unit,
                    "status_code": metric.status,
                    "kind_code": metric.kind,
                    "value": None if cell.value is None or metric.unit == "text" else round(cell.value),
                    "qualifier": cell.qualifier,
                    "value_status": _value_status(cell, metric),
                    "text": cell.text,
                    "fact_ids": LIST_SEPARATOR.join(n.id for n in cited.facts) or None,
                    "source_ids": cited.sources or None,
                    "locators": cited.locators or None,
                    "quotes": cited.quotes or None,
                }
            )
    types = {name: "string" for name in CSV_COLUMNS} | {"value": "Int64"}
    return pd.DataFrame(rows, columns=list(CSV_COLUMNS)).astype(types)


_VALUE_STATUS = {Stated: "stated", NoTotal: "no_total", NotStated: "not_stated"}  # the CSV's value_status


def _value_status(cell: Cell, metric: Metric) -> str:
    if metric.unit == "text":
        return "text"
    return _VALUE_STATUS[type(cell.state)]


TEXT_WIDTH = (140, 560)  # pixels: the narrowest and widest a words column is drawn
CHAR_WIDTH = 7.2  # pixels per character of the table's font, about


def text_widths(rows: pd.DataFrame, metrics: list[Metric]) -> dict[str, int]:
    """Pixel widths for the table's words columns, wide enough for their longest words (up to
    TEXT_WIDTH's cap), so "not stated (no source gives an amount; see M02 …)" reads in full.
    Keyed by the headings on screen (the metrics' labels); `rows` has the CSV's column names."""
    widths = {}
    for metric in metrics:
        if metric.id in COUNTED_EVENTS or metric.column not in rows.columns:
            continue
        longest = max([len(metric.label), *(len(str(v)) for v in rows[metric.column].dropna())])
        widths[metric.label] = int(min(max(longest * CHAR_WIDTH + 24, TEXT_WIDTH[0]), TEXT_WIDTH[1]))
    return widths
