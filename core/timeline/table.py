"""The timeline's table: the events as the CSV has them (the screen shows them through
core.formatting.on_screen).
"""

from __future__ import annotations

import pandas as pd

from core.export import citations
from core.timeline.data import DATE_ORDER


def table(events: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """The events in date order (undated last), as the CSV has them (core.columns names and
    describes each column; the screen shows them through core.formatting.on_screen): years as
    integers, empty where the source gives none (`date_precision` says how the source dates it),
    codes beside labels, provenance last. With `sources`, a `citation` column cites each event.
    """
    ordered = events.sort_values(list(DATE_ORDER), na_position="last").reset_index(drop=True)
    columns = {
        "event_id": "event_id",
        "year_start": "year_start",
        "year_end": "year_end",
        "date_start": "date_start",
        "date_end": "date_end",
        "date_precision": "date_precision",
        "category": "category_code",
        "category_label": "category",
        "title": "title",
        "countries": "country_codes",
        "country_names": "countries",
        "kind": "meeting_kind",
        "series_number": "series_number",
        "city": "city",
        "host_code": "host_code",
        "chair": "chair",
        "event_status": "event_status",
        "outcome": "outcome",
        "description": "description",
        "sources_differ": "sources_differ",
        "source_id": "source_id",
        "locator": "locator",
        "quote": "quote",
        "source_ids": "source_ids",
        "publishers": "publishers",
        "urls": "urls",
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
