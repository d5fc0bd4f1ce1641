"""The dialogue timeline's logic: filters, region-wide events, lanes without overlap, date words.

Pure functions of data frames; the page only wires them to widgets and the chart.
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Container
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from core import masks
from core.export import citations
from core.facts import Facts
from core.formatting import ScreenTable, is_missing, lookup, per_distinct, screen_table
from core.i18n import N_, _
from core.masks import keep_all
from core.params import PageParams, Param, flag_param, list_param, years_param
from core.periods import year_bounds
from core.scalars import as_int
from core.scopes import Scopes
from core.url_state import QueryReader

LABEL_CHARS = 26  # a label's line; a longer title wraps onto a second line, never cut at this length
LABEL_LINES = 2  # lines a label may take: a row of the chart (timeline_figures.ROW_HEIGHT) holds two
LABEL_MAX_CHARS = 40  # the longest line a label widens to before a very long title is shortened
MAX_QUERY = 100
EVENTS_DRAWN = 400  # one point per event; past this the chart becomes counts per year
CHOICES = 1_000  # events offered in the details list (every option is sent to the browser)


@dataclass(frozen=True)
class TimelineOptions:
    categories: dict[str, str]  # id -> label, in the data's order
    countries: dict[str, str]  # code -> name, every actor named by an event
    years: tuple[int, int]


@dataclass(frozen=True)
class TimelineFilters:
    """One view of the timeline; PARAMS below says how each field reads from and goes to the URL."""

    categories: tuple[str, ...]
    countries: tuple[str, ...]
    region: bool  # keep events that concern the region as a whole
    years: tuple[int, int]
    text: str
    event: str  # the selected event's id, or ""


PARAMS: PageParams[TimelineOptions, TimelineFilters] = PageParams("timeline", "tl", TimelineFilters, params=(
    list_param("category", "categories", N_("Category"), summary_name=N_("categories"),
               doc_values="event categories (ids in `categories.csv`: `dialogue`, `outcome_document`, `initiative`, "
               "`visit_deal`, `security`, `alliance`, `statement`, `other_platform`)"),
    list_param("country", "countries", N_("Country or actor"), summary_name=N_("countries"),
               help=N_("An event is kept when any of its countries is chosen."),
               doc_values="actor codes named by events (`KAZ`, `KGZ`, …, `JPN`, `USA`, `CHN`, `CA5`, …); an event is "
               "kept when any of its actors is chosen"),
    flag_param("region", N_("Include events of the region as a whole"), True,
               "`1` keep / `0` drop events of the region as a whole (naming `CA5` or all five states)",
               summary_name=N_("events concerning the region as a whole"),
               help=N_("Events that name Central Asia as a whole or all five states.")),
    years_param(help=N_("Undated events are listed apart."), summary_note=N_("(undated events are listed apart)"),
                doc_values="`first-last`; dated events overlapping it are drawn, undated ones are listed apart"),
    Param("q", "text", "text", N_("Search titles and descriptions"), default=lambda o: "", max_length=MAX_QUERY,
          summary_name=N_("text search"),
          doc_values="words searched in titles and descriptions (case-insensitive)", doc_default="empty"),
    Param("event", "event", "text", N_("Event details"), default=lambda o: "", max_length=40, in_panel=False,
          doc_values="the selected event's id (`E07`), whose card is shown", doc_default="none"),
))  # fmt: skip


def timeline_options(facts: Facts) -> TimelineOptions:
    events, actors = facts.events, facts.actors
    named = set(events["countries"].str.split(";").explode().dropna())
    ordered = actors[actors["code"].isin(named)].sort_values("role", key=lambda r: r != "central_asia", kind="stable")
    return TimelineOptions(
        categories=dict(zip(facts.categories["category"], facts.categories["label"], strict=True)),
        countries=dict(zip(ordered["code"], ordered["name"], strict=True)),
        years=year_bounds(events["year_start"], events["year_end"]),
    )


def event_ids(facts: Facts) -> pd.Index:
    """Every event's id, for checking a linked one (an Index looks one up by hash, not by a scan)."""
    return pd.Index(facts.events["event_id"])


def read_filters(reader: QueryReader, options: TimelineOptions, event_ids: Container[str]) -> TimelineFilters:
    """The view a link states (PARAMS), with a linked event that does not exist dropped."""
    filters = PARAMS.read(reader, options)
    if filters.event and filters.event not in event_ids:
        reader.notices.append(_("ignored {key}={value} (no such event)").format(key="event", value=repr(filters.event)))
        filters = dataclasses.replace(filters, event="")
    return filters


def event_view(facts: Facts) -> pd.DataFrame:
    """Events with category labels, country names and date words joined in; independent of
    filters, so cacheable. (Point labels are made for the events drawn only: `label_lines`.)

    In date order (undated last), as `table` shows them, so the page can show the first rows of a
    filtered view without sorting all of it. The search text is joined and casefolded here, once,
    instead of on every search (a pass over every event's text on every rerun).
    """
    events = facts.events.sort_values(["year_start", "year_end", "event_id"], na_position="last")
    categories = facts.categories.set_index("category")["label"]
    names = dict(zip(facts.actors["code"], facts.actors["name"], strict=True))
    order = {category: number for number, category in enumerate(facts.categories["category"])}
    actors = facts.actors
    regions = set(actors.loc[(actors["role"] == "central_asia") & (actors["kind"] != "state"), "code"])
    scopes = Scopes.from_table(facts.memberships)
    # Words per distinct country list and date, not per event: 100k events share a few thousand.
    countries = events["countries"]
    return events.assign(
        category_label=lookup(events["category"], categories).astype("category"),
        category_order=lookup(events["category"], order, keep_code=False).astype("Int64").fillna(len(order)),
        country_names=pd.Series(per_distinct(lambda cs: ", ".join(names.get(c, c) for c in cs.split(";")), countries),
                                index=events.index).astype("str"),
        region_wide=countries.map({c: names_region(c, regions, scopes) for c in countries.unique()}).astype(bool),
        date_text=per_distinct(date_text, events["year_start"], events["year_end"], events["date_precision"]),
        search_text=events["title"].astype("string").str.cat(events["description"].astype("string"), sep=" ")
        .str.casefold(),
    ).reset_index(drop=True)  # fmt: skip


def names_region(countries: str, regions: set[str], scopes: Scopes) -> bool:
    """Whether an event's countries ('KAZ;UZB') name one of `regions` as a whole: by its code (CA5)
    or by all of its members (core.scopes: the same rule the comparison counts events by)."""
    codes = str(countries).split(";")
    return bool(regions & (set(codes) | scopes.whole_groups(codes)))


def label_lines(title: object) -> list[str]:
    """An event's label beside its point, as lines: the whole title, wrapped at a word boundary
    onto at most LABEL_LINES lines of LABEL_CHARS, widened line by line (up to LABEL_MAX_CHARS)
    where a title needs it. Only a title too long for that (no bundled one, in either language) is
    shortened with "…"; the list and table below the chart give it in full.
    Made for the events drawn only (a few hundred), not for every event of a big data set."""
    text = " ".join(str(title).split())
    for width in range(LABEL_CHARS, LABEL_MAX_CHARS + 1):
        lines = textwrap.wrap(text, width, break_long_words=False)
        if len(lines) <= LABEL_LINES and all(len(line) <= width for line in lines):
            return lines or [""]
    return textwrap.wrap(text, LABEL_MAX_CHARS, max_lines=LABEL_LINES, placeholder="…") or [""]


def label_width(title: object) -> int:
    """The characters across an event's label: its longest line."""
    return max(len(line) for line in label_lines(title))


def date_text(start: object, end: object, precision: object) -> str:
    """The date in words, with its precision: '1998 (year only)', '1996–2000 (span)', 'not stated'."""
    if precision == "not_stated" or is_missing(start):
        return _("date not stated")
    if precision == "span" and not is_missing(end) and end != start:
        return _("{first}–{last} (span of years)").format(first=as_int(start), last=as_int(end))
    return _("{year} (year only; the source gives no month or day)").format(year=as_int(start))


def filter_events(view: pd.DataFrame, filters: TimelineFilters) -> pd.DataFrame:
    """Events matching every filter; the year range applies to dated events only (the undated are
    kept here and listed apart by the page)."""
    keep = keep_all(_masks(view, filters))
    return view if keep.all() else view[keep]  # the shared view when nothing is dropped: no copy


def _masks(view: pd.DataFrame, filters: TimelineFilters) -> dict[str, np.ndarray]:
    matches_country = _names_any(view["countries"], set(filters.countries))
    wide = view["region_wide"].to_numpy(dtype=bool)
    dated = view["year_start"].notna().to_numpy(dtype=bool)
    first, last = filters.years
    in_years = ((view["year_start"] <= last) & (view["year_end"] >= first)).fillna(False).to_numpy(dtype=bool)
    masks = {
        "category": view["category"].isin(filters.categories).to_numpy(dtype=bool),
        "country": np.where(wide, filters.region, matches_country),
        "years": in_years | ~dated,
    }
    if filters.text:
        found = view["search_text"].str.contains(filters.text.casefold(), regex=False)
        masks["text"] = found.to_numpy(dtype=bool, na_value=False)
    return masks


def _names_any(countries: pd.Series, chosen: set[str]) -> np.ndarray:
    """Rows whose `KAZ;JPN` list names any chosen code. Decided once per distinct list, not per row:
    the lists repeat (the column is categorical), so this costs the same at 100k events as at 20."""
    lists = countries.astype("category")
    per_list = np.array([bool(chosen.intersection(str(value).split(";"))) for value in lists.cat.categories])
    codes = lists.cat.codes.to_numpy()
    return np.where(codes >= 0, per_list[codes] if len(per_list) else False, False)


@dataclass(frozen=True)
class KeptEvents:
    """What the page shows of the events one filter state keeps; small whatever the data's size."""

    total: int
    dated: int
    table: ScreenTable  # the kept events in date order, the first SHOWN_ROWS ready for the screen
    undated: ScreenTable  # the kept events with no stated date, likewise
    choices: dict[str, str]  # id -> words, for the details list (event_choices); a dict, read per option
    empty_reason: str  # why nothing is kept, or "" (empty_reason)
    sources: tuple[str, ...] = ()  # the source ids of the dated events (the chart's marks)


def kept_events(view: pd.DataFrame, filters: TimelineFilters) -> KeptEvents:
    """The kept events for the page, built once per filter state so sessions can share them. The
    selected event plays no part: `filters.event` is ignored (the page asks with it blank)."""
    events = filter_events(view, filters)
    no_date = events["year_start"].isna().to_numpy(dtype=bool)
    return KeptEvents(
        total=len(events),
        dated=int((~no_date).sum()),
        table=screen_table(events, table),
        undated=screen_table(events[no_date], table),
        # event_choices indexes its words ('year · title', text) by event id (text).
        choices=cast("dict[str, str]", event_choices(events, "").to_dict()),
        empty_reason="" if len(events) else empty_reason(view, filters),
        sources=tuple(events.loc[~no_date, "source_id"].astype(str).unique()),
    )


def keeps(view: pd.DataFrame, filters: TimelineFilters, event_id: str) -> bool:
    """Whether the filters keep the event `event_id` (checked on its own row, not on the view)."""
    row = view[view["event_id"] == event_id]
    return len(row) == 1 and bool(np.logical_and.reduce(list(_masks(row, filters).values()))[0])


def empty_reason(view: pd.DataFrame, filters: TimelineFilters) -> str:
    names = {"category": _("categories"), "country": _("countries"), "years": _("year range"), "text": _("text search")}
    return masks.empty_reason(_masks(view, filters), names, "event")


# Label characters that fit across the plot at the narrowest page we support (800 px wide, sidebar
# open). Packing for the narrowest keeps labels apart at every width; wider pages just get air.
CHARS_ACROSS = 60


def years_per_char(years: tuple[int, int]) -> float:
    return (years[1] - years[0] + 2) / CHARS_ACROSS


def label_layout(events: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Where each event's label goes and what stretch of years the event and label occupy.

    A label sits right of the event's last year (a span's label follows its bar); where it would
    run past the axis it goes left of the first year instead.
    """
    width = (events["title"].map(label_width) + 1) * years_per_char(years)
    start, end = events["year_start"].astype(float), events["year_end"].astype(float)
    right = (end + 0.5 + width) <= years[1] + 1
    left_fits = (start - 0.5 - width) >= years[0] - 1
    side = np.where(right | ~left_fits, "right", "left")
    occupied_from = np.where(side == "right", start - 0.5, start - 0.5 - width)
    occupied_to = np.where(side == "right", end + 0.5 + width, end + 0.5)
    return pd.DataFrame({"side": side, "from": occupied_from, "to": occupied_to}, index=events.index)


def assign_lanes(events: pd.DataFrame, years: tuple[int, int]) -> pd.Series:
    """A row within its category's lane for each dated event, so that no two events (with their
    labels) overlap: greedy interval packing in order of the stretch they occupy."""
    layout = label_layout(events, years)
    rows = pd.Series(0, index=events.index, dtype=int)
    for _category, lane in layout.join(events["category"]).sort_values("from").groupby("category", sort=False):
        row_free_from: list[float] = []
        lane_rows: list[int] = []  # each event's row, in the lane's order
        for occupied_from, occupied_to in zip(lane["from"].tolist(), lane["to"].tolist(), strict=True):
            row = next((r for r, free in enumerate(row_free_from) if free <= occupied_from), len(row_free_from))
            if row == len(row_free_from):
                row_free_from.append(occupied_to)
            else:
                row_free_from[row] = occupied_to
            lane_rows.append(row)
        rows.loc[lane.index] = np.array(lane_rows, dtype=int)
    return rows


def event_choices(events: pd.DataFrame, selected: str) -> pd.Series:
    """id -> 'year · title' for the details list: the first CHOICES events in date order, and the
    selected one wherever it is. `events` in date order, as the view is."""
    chosen = events.head(CHOICES)
    if selected and selected not in set(chosen["event_id"]):
        chosen = pd.concat([events[events["event_id"] == selected], chosen])
    year = chosen["year_start"].astype("string").fillna(_("undated"))
    return pd.Series((year + " · " + chosen["title"].astype("string")).to_numpy(), index=chosen["event_id"].to_numpy())


def table(events: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """The events in date order (undated last), as the CSV has them (core.columns names and
    describes each column; the screen shows them through core.formatting.on_screen): years as
    integers, empty where the source gives none (`date_precision` says how the source dates it),
    codes beside labels, provenance last. With `sources`, a `citation` column cites each event.
    """
    ordered = events.sort_values(["year_start", "year_end", "event_id"], na_position="last").reset_index(drop=True)
    columns = {
        "event_id": "event_id",
        "year_start": "year_start",
        "year_end": "year_end",
        "date_precision": "date_precision",
        "category": "category_code",
        "category_label": "category",
        "title": "title",
        "countries": "country_codes",
        "country_names": "countries",
        "description": "description",
        "source_id": "source_id",
        "paragraph": "paragraph",
        "quote": "quote",
    }
    result = pd.DataFrame(
        {
            new: ordered[old].astype("Int64" if pd.api.types.is_numeric_dtype(ordered[old]) else "string")
            for old, new in columns.items()
        }
    )
    if sources is not None:
        result["citation"] = citations(result, sources)
    return result
