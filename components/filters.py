"""The filter widgets of a page, drawn from its parameter registry (core.params).

Each parameter's widget has the registry's label, help and key; its value comes from, and goes back
to, the URL (see view_state). The page gets one filters dataclass back. The registry's words are
English (marked with N_() where defined) and shown here through _().
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import streamlit as st

from core.formatting import escape_markdown
from core.i18n import _
from core.params import F, Opts, PageParams, Param, translated


def filter_panel(registry: PageParams[Opts, F], options: Opts, **fixed: Any) -> F:
    """One widget per parameter, in the registry's order; `fixed` gives the fields not in the panel."""
    values = {p.field: _widget(p, registry.widget_key(p.field), options) for p in registry.params if p.in_panel}
    return registry.filters(**values, **fixed)


def _widget(param: Param[Opts], key: str, options: Opts) -> Any:
    label, tip = _(param.label), translated(param.help)
    if param.kind == "choices":
        return multiselect(label, key, param.labels(options), help=tip)
    if param.kind == "choice":
        return radio(label, key, param.labels(options), help=tip)
    if param.kind == "flag":
        return st.checkbox(label, key=key, help=tip)
    if param.kind == "years":
        assert param.bounds is not None
        return year_range(label, key, param.bounds(options), help=tip)
    return st.text_input(label, key=key, max_chars=param.max_length, help=tip).strip()


def multiselect(label: str, key: str, options: Mapping[str, str], help: str | None = None) -> tuple[str, ...]:
    """Pick several of `options` (id -> label); the widget shows labels, the URL keeps ids."""
    chosen = st.multiselect(label, list(options), format_func=lambda o: options.get(o, o), key=key, help=help)
    return tuple(chosen)


def radio(label: str, key: str, options: Mapping[str, str], help: str | None = None) -> str:
    return st.radio(label, list(options), format_func=lambda o: options.get(o, o), key=key, horizontal=True, help=help)


def year_range(label: str, key: str, bounds: tuple[int, int], help: str | None = None) -> tuple[int, int]:
    # A range slider: its value is the (first, last) pair seeded under `key` from the filters (view_state);
    # Streamlit types a slider given no `value` as one number.
    # NOTE: a tab reconnected to a new process brings its own pair, which view_state does not seed:
    # then `value` makes the slider a range (the browser's pair wins over it). Passing `value`
    # while a seeded one exists would make Streamlit warn.
    value = None if key in st.session_state else bounds
    chosen = st.slider(label, min_value=bounds[0], max_value=bounds[1], value=value, key=key, help=help)
    first, last = cast("tuple[int, int]", chosen)
    return int(first), int(last)


def offer_context(key: str, context: Mapping[str, str], chosen: tuple[str, ...]) -> None:
    """Say which other choices exist beyond the page's focus, with one click to add them all to the
    multiselect `key` (a default that answers the page's question hides nothing)."""
    missing = [code for code in context if code not in chosen]
    if not missing:
        return

    def add() -> None:
        st.session_state[key] = [*st.session_state.get(key, []), *missing]

    names = ", ".join(escape_markdown(context[code]) for code in missing)
    # One under the other: side by side, a narrow window cut the button's words.
    st.caption(_("Also in the source, as context: {names}.").format(names=names))
    st.button(_("Add them to the chart"), key=f"{key}_add_context", on_click=add, icon=":material/add:")
