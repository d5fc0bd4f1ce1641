"""The timeline's parameters: what its filters can take (read from the data), one view's filters,
and how each goes to and from the URL (`PARAMS`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Container
from dataclasses import dataclass

from core.facts import Facts
from core.i18n import N_, _
from core.params import PageParams, flag_param, list_param, official_param, text_param, years_param
from core.periods import year_bounds
from core.url_state import QueryReader

MAX_QUERY = 100


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
    official: bool  # keep only events a government's own record states
    years: tuple[int, int]
    text: str
    event: str  # the selected event's id, or ""


PARAMS: PageParams[TimelineOptions, TimelineFilters] = PageParams(TimelineFilters, params=(
    list_param("category", "categories", N_("Category"), summary_name=N_("categories"),
               doc_values="event categories (ids in `categories.csv`: `dialogue`, `outcome_document`, `initiative`, "
               "`visit_deal`, `security`, `alliance`, `statement`, `other_platform`, `relations`)"),
    list_param("country", "countries", N_("Country or actor"), summary_name=N_("countries"),
               help=N_("An event is kept when any of its countries is chosen."),
               doc_values="actor codes named by events (`KAZ`, `KGZ`, …, `JPN`, `USA`, `CHN`, `CA5`, …); an event is "
               "kept when any of its actors is chosen"),
    flag_param("region", N_("Include events of the region as a whole"), True,
               "`1` keep / `0` drop events of the region as a whole (naming `CA5` or all five states)",
               summary_name=N_("events concerning the region as a whole"),
               help=N_("Events that name Central Asia as a whole or all five states.")),
    official_param(),
    years_param(help=N_("Undated events are listed apart."), summary_note=N_("(undated events are listed apart)"),
                doc_values="`first-last`; dated events overlapping it are drawn, undated ones are listed apart"),
    text_param("q", "text", N_("Search titles and descriptions"), max_length=MAX_QUERY, summary_name=N_("text search"),
               doc_values="words searched in titles and descriptions (case-insensitive)"),
    text_param("event", "event", N_("Event details"), max_length=40, in_panel=False, doc_default="none",
               doc_values="the selected event's id (`E07`), whose card is shown"),
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


def read_filters(reader: QueryReader, options: TimelineOptions, event_ids: Container[str]) -> TimelineFilters:
    """The view a link states (PARAMS), with a linked event that does not exist dropped."""
    filters = PARAMS.read(reader, options)
    if filters.event and filters.event not in event_ids:
        reader.notices.append(_("ignored {key}={value} (no such event)").format(key="event", value=repr(filters.event)))
        filters = dataclasses.replace(filters, event="")
    return filters
