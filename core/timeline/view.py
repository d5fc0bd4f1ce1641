"""The timeline's view model: what one filter state shows (counts, the tables, the details list),
small whatever the data's size and built once per state so sessions can share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import pandas as pd

from core.formatting import ScreenTable, is_missing, screen_table
from core.i18n import N_, _
from core.scalars import as_int
from core.timeline.data import empty_reason, event_choices, filter_events
from core.timeline.params import TimelineFilters
from core.timeline.table import table


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


# The kinds of meeting (events.kind), in words; N_ for extraction, _() where shown.
KINDS = {
    "ministerial": N_("Foreign Ministers' Meeting"),
    "senior_officials": N_("Senior Officials' Meeting"),
    "summit": N_("Summit"),
    "expert": N_("Expert meeting"),
    "business": N_("Business dialogue"),
    "intellectual": N_("Tokyo Dialogue (intellectual dialogue)"),
    "visit": N_("Visit"),
    "relations": N_("Diplomatic relations"),
}
STATUSES = {
    "held": N_("held"),
    "planned": N_("planned"),
    "postponed": N_("postponed"),
    "cancelled": N_("cancelled"),
}


def event_details(event: pd.Series, names: dict[str, str]) -> list[str]:
    """An event's card lines beyond its date and category, in words, only what the data states:
    'Foreign Ministers' Meeting no. 9 · Tokyo, Japan · held', 'Adopted: …'. `names`: code -> name."""
    parts = []
    kind = event.get("kind")
    if not is_missing(kind):
        number = event.get("series_number")
        words = _(KINDS.get(str(kind), str(kind)))
        parts.append(
            words if is_missing(number) else _("{kind} no. {number}").format(kind=words, number=as_int(number))
        )
    city, host = event.get("city"), event.get("host_code")
    place = [str(city)] if not is_missing(city) else []
    if not is_missing(host):
        place.append(names.get(str(host), str(host)))
    if place:
        parts.append(", ".join(place))
    status = event.get("event_status")
    if not is_missing(status):
        parts.append(_(STATUSES.get(str(status), str(status))))
    lines = [" · ".join(parts)] if parts else []
    outcome = event.get("outcome")
    if not is_missing(outcome):
        lines.append(_("Adopted: {documents}").format(documents=outcome))
    return lines
