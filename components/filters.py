"""The filter widgets of a page, drawn from its parameter registry (core.params).

Each parameter's widget has the registry's label, help and key; its value comes from, and goes back
to, the URL (see view_state). The page gets one filters dataclass back. The registry's words are
English (marked with N_() where defined) and shown here through _().
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

import streamlit as st

from core.formatting import escape_markdown
from core.i18n import _
from core.pages import Page
from core.params import ChoiceParam, FlagParam, ListParam, Param, TextParam, YearsParam, translated


def filter_panel(page: Page, options: Any, **fixed: Any) -> Any:
    """One widget per parameter, in the registry's order; `fixed` gives the fields not in the panel.
    Returns the page's filters dataclass."""
    assert page.params is not None, f"{page.slug} has no filters"
    values = {p.field: widget(p, page.widget_key(p.field), options) for p in page.params.params if p.in_panel}
    return page.params.filters(**values, **fixed)


def sidebar_filters(page: Page, options: Any, **fixed: Any) -> Any:
    """The page's filter panel (`filter_panel`) in the sidebar, under its heading."""
    with st.sidebar:
        st.subheader(_("Filters"))
        return filter_panel(page, options, **fixed)


def widget(param: Param, key: str, options: Any) -> Any:
    """The widget of a parameter's kind, with its label and help in the run's language."""
    draw = WIDGETS[type(param)]
    return draw(param, _(param.label), key, options, translated(param.help))


def _list(param: ListParam, label: str, key: str, options: Any, tip: str | None) -> tuple[str, ...]:
    return multiselect(label, key, param.labels(options), help=tip)


def _choice(param: ChoiceParam, label: str, key: str, options: Any, tip: str | None) -> str:
    return radio(label, key, param.labels(options), help=tip)


def _flag(param: FlagParam, label: str, key: str, options: Any, tip: str | None) -> bool:
    return st.checkbox(label, key=key, help=tip)


def _years(param: YearsParam, label: str, key: str, options: Any, tip: str | None) -> tuple[int, int]:
    return year_range(label, key, param.bounds(options), help=tip)


def _text(param: TextParam, label: str, key: str, options: Any, tip: str | None) -> str:
    return st.text_input(label, key=key, max_chars=param.max_length, help=tip).strip()


# One widget per kind of parameter (core.params); a new kind without a widget fails at its first draw.
WIDGETS: dict[type, Callable[..., Any]] = {
    ListParam: _list,
    ChoiceParam: _choice,
    FlagParam: _flag,
    YearsParam: _years,
    TextParam: _text,
}


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
    st.caption(_("Also in the sources, as context: {names}.").format(names=names))
    st.button(_("Add them to the chart"), key=f"{key}_add_context", on_click=add, icon=":material/add:")
