"""The timeline's data: events with their words joined once per data version, and the pure
functions that filter them and name what a filter leaves out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core import i18n, masks
from core.facts import Facts
from core.formatting import is_missing, lookup, per_distinct
from core.i18n import _
from core.masks import keep_all
from core.scalars import as_int
from core.scopes import Scopes
from core.timeline.params import TimelineFilters

CHOICES = 1_000  # events offered in the details list (every option is sent to the browser)


# The order of the timeline's view, table and CSV: where each event sits on the axis (a dated day
# before a later one of its year; by year and id, 2004-08-28 came before 2004-08-25), undated last.
DATE_ORDER = ("x_start", "x_end", "event_id")


def event_ids(facts: Facts) -> pd.Index:
    """Every event's id, for checking a linked one (an Index looks one up by hash, not by a scan)."""
    return pd.Index(facts.events["event_id"])


def event_view(facts: Facts) -> pd.DataFrame:
    """Events with category labels, country names and date words joined in; independent of
    filters, so cacheable. (Point labels are made for the events drawn only: `label_lines`.)

    In date order (undated last), as `table` shows them, so the page can show the first rows of a
    filtered view without sorting all of it (DATE_ORDER). The search text is joined and casefolded here, once,
    instead of on every search (a pass over every event's text on every rerun).
    """
    events = facts.events
    categories = facts.categories.set_index("category")["label"]
    names = dict(zip(facts.actors["code"], facts.actors["name"], strict=True))
    order = {category: number for number, category in enumerate(facts.categories["category"])}
    actors = facts.actors
    regions = set(actors.loc[(actors["role"] == "central_asia") & (actors["kind"] != "state"), "code"])
    scopes = Scopes.from_table(facts.memberships)
    # Words per distinct country list and date, not per event: 100k events share a few thousand.
    countries = events["countries"]
    last_days = events["date_end"].astype("string").fillna(events["date_start"].astype("string"))
    return events.assign(
        category_label=lookup(events["category"], categories).astype("category"),
        category_order=lookup(events["category"], order, keep_code=False).astype("Int64").fillna(len(order)),
        country_names=pd.Series(per_distinct(lambda cs: ", ".join(names.get(c, c) for c in cs.split(";")), countries),
                                index=events.index).astype("str"),
        region_wide=countries.map({c: names_region(c, regions, scopes) for c in countries.unique()}).astype(bool),
        date_text=_with_difference(per_distinct(date_text, events["year_start"], events["year_end"],
                                                events["date_precision"], events["date_start"], events["date_end"]),
                                   events),
        # Where on the axis of years: a dated day or month at its fraction of the year, so that the
        # meetings of one crowded year stand apart; a year at its start.
        x_start=axis_position(events["year_start"], events["date_start"]),
        x_end=axis_position(events["year_end"], last_days),
        search_text=events["title"].astype("string").str.cat(events["description"].astype("string"), sep=" ")
        .str.casefold(),
    ).sort_values(list(DATE_ORDER), na_position="last").reset_index(drop=True)  # fmt: skip


def _with_difference(texts: pd.Categorical[str], events: pd.DataFrame) -> pd.Series:
    """The date in words, with '(sources differ)' where the sources give the event different dates:
    the date shown is one source's, and a reader must see that another says otherwise."""
    shown = pd.Series(texts, index=events.index)
    if "differs_on" not in events.columns:
        return shown
    dates_differ = events["differs_on"].astype("string").str.contains("date", regex=False).fillna(False)
    if not dates_differ.any():
        return shown  # the common case keeps its categorical words
    plain = shown.astype(object)
    return plain.where(~dates_differ.to_numpy(dtype=bool), plain + " " + _("(sources differ)"))


def names_region(countries: str, regions: set[str], scopes: Scopes) -> bool:
    """Whether an event's countries ('KAZ;UZB') name one of `regions` as a whole: by its code (CA5)
    or by all of its members (core.scopes: the same rule the comparison counts events by)."""
    codes = str(countries).split(";")
    return bool(regions & (set(codes) | scopes.whole_groups(codes)))


def axis_position(years: pd.Series, dates: pd.Series) -> pd.Series:
    """Each event's place on an axis of years: the year, plus the fraction of it a dated day or
    month has gone (2022-12-24 is 2022.98; a month counts from its middle)."""
    text = dates.astype("string").fillna("")
    parsed = pd.to_datetime(text.where(text != "", None), format="mixed", errors="coerce")
    month_only = text.str.fullmatch(r"\d{4}-\d{2}").to_numpy(dtype=bool)
    parsed = parsed + pd.to_timedelta(np.where(month_only, 14, 0), unit="D")
    fraction = ((parsed.dt.day_of_year - 1) / 365.25).astype("Float64")
    return (years.astype("Float64") + fraction.where(parsed.dt.year == years, 0).fillna(0)).astype(float)


def date_text(start: object, end: object, precision: object, day: object = None, last_day: object = None) -> str:
    """The date in words, with its precision: '24 December 2022', 'August 2024 (month only)',
    '1998 (year only)', '1996–2000 (span)', 'not stated'."""
    if precision == "not_stated" or is_missing(start):
        return _("date not stated")
    if precision == "day" and not is_missing(day):
        first = i18n.long_date(str(day))
        if is_missing(last_day) or last_day == day:
            return first
        return _("{first} to {last}").format(first=first, last=i18n.long_date(str(last_day)))
    if precision == "month" and not is_missing(day):
        return _("{month} (month only; the source gives no day)").format(month=i18n.month_year(str(day)))
    if precision == "span" and not is_missing(end) and end != start:
        return _("{first}–{last} (span of years)").format(first=as_int(start), last=as_int(end))
    return _("{year} (year only; the source gives no month or day)").format(year=as_int(start))


def filter_events(view: pd.DataFrame, filters: TimelineFilters) -> pd.DataFrame:
    """Events matching every filter; the year range applies to dated events only (the undated are
    kept here and listed apart by the page)."""
    keep = keep_all(_masks(view, filters))
    return view if keep.all() else view[keep]  # the shared view when nothing is dropped: no copy


def kept_in_date_order(view: pd.DataFrame, filters: TimelineFilters) -> np.ndarray:
    """The positions in `view` of the events the filters keep, in the timeline table's order
    (DATE_ORDER: by date, undated last), without copying the events."""
    positions = np.flatnonzero(keep_all(_masks(view, filters)))
    keys = view[list(DATE_ORDER)].iloc[positions].reset_index(drop=True)
    return positions[keys.sort_values(list(DATE_ORDER), na_position="last").index.to_numpy()]


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
        "official": view["official"].to_numpy(dtype=bool) | (not filters.official),
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


def keeps(view: pd.DataFrame, filters: TimelineFilters, event_id: str) -> bool:
    """Whether the filters keep the event `event_id` (checked on its own row, not on the view)."""
    row = view[view["event_id"] == event_id]
    return len(row) == 1 and bool(np.logical_and.reduce(list(_masks(row, filters).values()))[0])


def empty_reason(view: pd.DataFrame, filters: TimelineFilters) -> str:
    names = {
        "category": _("categories"), "country": _("countries"), "years": _("year range"), "text": _("text search"),
        "official": _("official sources only"),
    }  # fmt: skip
    return masks.empty_reason(_masks(view, filters), names, "event")


def event_choices(events: pd.DataFrame, selected: str) -> pd.Series:
    """id -> 'year · title' for the details list: the first CHOICES events in date order, and the
    selected one wherever it is. `events` in date order, as the view is."""
    chosen = events.head(CHOICES)
    if selected and selected not in set(chosen["event_id"]):
        chosen = pd.concat([events[events["event_id"] == selected], chosen])
    year = chosen["year_start"].astype("string").fillna(_("undated"))
    return pd.Series((year + " · " + chosen["title"].astype("string")).to_numpy(), index=chosen["event_id"].to_numpy())
