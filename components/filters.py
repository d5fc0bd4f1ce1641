"""Filter widgets whose values come from, and go back to, the URL (see view_state)."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st


def multiselect(label: str, key: str, options: Mapping[str, str], help: str | None = None) -> tuple[str, ...]:
    """Pick several of `options` (id -> label); the widget shows labels, the URL keeps ids."""
    chosen = st.multiselect(label, list(options), format_func=lambda o: options.get(o, o), key=key, help=help)
    return tuple(chosen)


def radio(label: str, key: str, options: Mapping[str, str]) -> str:
    return st.radio(label, list(options), format_func=lambda o: options.get(o, o), key=key, horizontal=True)


def year_range(label: str, key: str, bounds: tuple[int, int], help: str | None = None) -> tuple[int, int]:
    first, last = st.slider(label, min_value=bounds[0], max_value=bounds[1], key=key, help=help)
    return int(first), int(last)
