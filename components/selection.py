"""Which chart point the user clicked, as a value that other widgets and the URL can share."""

from __future__ import annotations

import streamlit as st


def clicked_ids(chart_key: str) -> list[str]:
    """The customdata ids of the points selected in the chart with `chart_key` (before it redraws)."""
    state = st.session_state.get(chart_key)
    if not state:
        return []
    points = state["selection"]["points"] if isinstance(state, dict) else state.selection.points
    ids = []
    for point in points:
        data = point.get("customdata")
        ids.append(str(data[0] if isinstance(data, list) else data))
    return ids


def follow_clicks(chart_key: str, target_key: str) -> None:
    """Make a new click on the chart set `target_key`; clearing the selection clears it.

    NOTE: the chart's selection persists across reruns, so only a change of it counts as a click;
    otherwise an old selection would override a choice made since in the other widget.
    """
    ids = clicked_ids(chart_key)
    seen_key = f"{chart_key}__seen"
    if ids != st.session_state.get(seen_key, []):
        st.session_state[seen_key] = ids
        st.session_state[target_key] = ids[0] if ids else ""
