"""How things look, everywhere: a money status's colour and pattern (so that status survives
greyscale print), an event category's colour, and the text colour every figure is drawn in.

Every colour here has at least 4.5:1 against the white background (WCAG 2.1 1.4.3 and 1.4.11;
tests/test_contrast.py reads the figures' specs and checks it): marks are told apart by their
pattern and legend as well as by hue, never by a pale tint.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go
from plotly.basedatatypes import BaseTraceType

from core.text_width import CHART_FONT_FAMILY, TICK_FONT_PX, left_margin

BACKGROUND = "#ffffff"  # the light theme's page and plot background (.streamlit/config.toml)
# NOTE: under Streamlit's theme a figure's text is #808495 (3.72:1 on white) unless the figure sets
# its own; `readable_figure` sets it on the layout, so text that sets no colour (an annotation added by
# components.charts) inherits it too.
TEXT_COLOUR = "#1a1a1a"  # 17:1 on white
# Legends sit above the plot, as OWID's do: below it is the chart's footer, its source line
# (core.chart_source), placed in the plot's coordinates, which a legend below would overlap.
LEGEND_ABOVE = {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"}
MARK_EDGE = "#ffffff"  # the hatch lines over a filled bar: the bar's colour is dark, so 4.5:1 or more


@dataclass(frozen=True)
class StatusStyle:
    colour: str
    pattern: str  # a Plotly bar pattern shape; "" is solid


# Solid for realised, hatched for less firm: the eye reads hatching as "not (yet) real", and the
# patterns tell the statuses apart in greyscale, where their dark colours look alike.
STATUS_STYLES = {
    "realised": StatusStyle("#1f6f43", ""),
    "agreed": StatusStyle("#8a5a00", "/"),
    "contracts_signed": StatusStyle("#b2182b", "x"),
    # The official record's statuses: paid out is solid, like realised; committed (notes exchanged,
    # agreement signed) hatched the other way from agreed; pledged dotted, the least firm.
    "disbursed": StatusStyle("#0b4f8a", ""),
    "committed": StatusStyle("#5b2c83", "\\"),
    "pledged": StatusStyle("#37474f", "."),
    # Money the source says Japan only hoped to give: horizontal lines, apart from every firmer status.
    "intended": StatusStyle("#6d4c41", "-"),
}
_FALLBACK = StatusStyle("#5c5c5c", ".")


def status_style(status: str) -> StatusStyle:
    """The style of a status; a status from a user's own data that we do not know gets a neutral one."""
    return STATUS_STYLES.get(status, _FALLBACK)


def status_marker(status: str) -> dict:
    """A Plotly bar marker in the status's colour and pattern: the same for every chart. The hatch
    is white over the dark fill, so it stands out from the bar (not a low-contrast shade)."""
    style = status_style(status)
    pattern = {"shape": style.pattern, "fillmode": "overlay", "size": 8, "fgcolor": MARK_EDGE, "fgopacity": 1}
    return {"color": style.colour, "pattern": pattern}


# An event category's colour follows from the category alone, its place in the data's category
# list (`categories.csv`), never from which categories a filter leaves on screen: a category looks
# the same in every view. Paul Tol's qualitative colours, darkened to 4.5:1 or more on white
# (the "Safe" palette used before had marks at 1.6:1), cycled past the last.
CATEGORY_PALETTE: tuple[str, ...] = (
    "#332288",  # indigo
    "#117733",  # green
    "#882255",  # wine
    "#0f6b8f",  # blue
    "#b34700",  # orange
    "#aa3377",  # purple
    "#7a6500",  # olive
    "#1b7a6e",  # teal
    "#5c5c5c",  # grey
)


def category_colour(order: int) -> str:
    """The colour of the event category at `order` in the data's category list (the event view's
    `category_order`; a category the list does not name has the order after the last, so all such
    share one colour)."""
    return CATEGORY_PALETTE[int(order) % len(CATEGORY_PALETTE)]


def readable_figure(data: Sequence[BaseTraceType | Mapping[str, Any]], layout: Mapping[str, Any]) -> go.Figure:
    """A figure of `data` and `layout` with every text in TEXT_COLOUR, set on the layout and on what
    Streamlit's theme colours itself (axes, legend, title), and room at its left for its y labels.
    `data` may be traces' dicts (with their "type"): the figure validates them once, where a trace
    object is validated when made and again when the figure copies it.
    Every figure builder makes its figure with this.

    NOTE: the styles go into the layout before the figure is made. Set afterwards with
    update_layout and update_*axes, Plotly walked the whole figure on each call: 6-7 ms a figure
    with long hovers, a third of the comparison's first visit (nine panels)."""
    text = {"color": TEXT_COLOUR, "family": CHART_FONT_FAMILY}  # the PNG's font too (core.text_width)
    styled = _merged(layout, {
        "font": text,
        "legend": {"font": text, "title": {"font": text}},
        "title": {"font": text},
        "hoverlabel": {"font": text, "bgcolor": BACKGROUND, "bordercolor": TEXT_COLOUR},
        "paper_bgcolor": BACKGROUND,
        "plot_bgcolor": BACKGROUND,
        "xaxis": {"tickfont": text, "title": {"font": text}},
        "yaxis": {"tickfont": {**text, "size": TICK_FONT_PX}, "title": {"font": text}},
    })  # fmt: skip
    if (room := _room_for_y_labels(styled["yaxis"])) is not None:
        margin = styled.get("margin") or {}
        styled["margin"] = {**margin, "l": max(room, margin.get("l") or 0)}
    return go.Figure(data=data, layout=styled)


def _merged(base: Mapping[str, Any], styles: Mapping[str, Any]) -> dict[str, Any]:
    """`base` with `styles` laid over it, as update_layout merges: nested settings merged, a style
    replacing what it names. A title given as text (Plotly's shorthand) becomes {"text": ...}."""
    merged = dict(base)
    for key, style in styles.items():
        current = merged.get(key)
        if isinstance(style, Mapping):
            if key == "title" and not isinstance(current, Mapping):
                current = {} if current is None else {"text": current}
            merged[key] = _merged(current if isinstance(current, Mapping) else {}, style)
        else:
            merged[key] = style
    return merged


def _room_for_y_labels(axis: Mapping[str, Any]) -> int | None:
    """The left margin a y axis that names its categories needs, so Plotly lays the figure out once
    instead of twice (core.text_width says why); None for an axis of numbers."""
    labels = axis.get("ticktext")
    if labels is None:
        labels = axis.get("categoryarray")
    if labels is None or axis.get("showticklabels") is False:
        return None
    return left_margin(labels, (axis.get("title") or {}).get("text"))
