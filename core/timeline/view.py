"""The timeline's view model: what one filter state shows (counts, the tables, the details list),
small whatever the data's size and built once per state so sessions can share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import pandas as pd

from core.formatting import ScreenTable, screen_table
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
