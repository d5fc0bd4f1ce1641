"""The timeline figure: categories as lanes, each event a point (a year) or a bar (a span).

Rows within a lane come from `assign_lanes`, which packs events with their labels so that
none hides another; past EVENTS_DRAWN events the chart counts them per year instead.
"""

from __future__ import annotations

import functools
import math
import textwrap
from typing import cast

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from core.formatting import plotly_escaped, plotly_lines
from core.i18n import _
from core.style import LEGEND_ABOVE, TEXT_COLOUR, category_colour, readable_figure
from core.text_width import left_margin, narrowest_plot_px, plain_text_px, wrap_px
from core.timeline.data import filter_events
from core.timeline.params import TimelineFilters

LABEL_CHARS = 26  # a label's line; a longer title wraps onto a second line, never cut at this length

LABEL_LINES = 2  # lines a label may take: a row of the chart (ROW_HEIGHT) holds two

LABEL_MAX_CHARS = 40  # the longest line a label widens to before a very long title is shortened

LABEL_FONT_PX = 11

EVENTS_DRAWN = 400  # one point per event; past this the chart becomes counts per year


EDGE_ROOM = 0.03  # of the span of years, left free at each end of the time axis


@functools.lru_cache(maxsize=4096)  # the same titles are drawn in filter state after filter state
def _label_lines(text: str) -> tuple[str, ...]:
    for width in range(LABEL_CHARS, LABEL_MAX_CHARS + 1):
        lines = textwrap.wrap(text, width, break_long_words=False)
        if len(lines) <= LABEL_LINES and all(len(line) <= width for line in lines):
            return tuple(lines) or ("",)
    return tuple(textwrap.wrap(text, LABEL_MAX_CHARS, max_lines=LABEL_LINES, placeholder="…")) or ("",)


def label_lines(title: object) -> list[str]:
    """An event's label beside its point, as lines: the whole title, wrapped at a word boundary
    onto at most LABEL_LINES lines of LABEL_CHARS, widened line by line (up to LABEL_MAX_CHARS)
    where a title needs it. Only a title too long for that (no bundled one, in either language) is
    shortened with "…"; the list and table below the chart give it in full.
    Made for the events drawn only (a few hundred), not for every event of a big data set. (A label
    that fits neither side of its event is wrapped anew: `label_layout`.)"""
    return list(_label_lines(" ".join(str(title).split())))


@functools.lru_cache(maxsize=4096)  # as _label_lines: measured once per title, not per filter state
def _label_px(title: str) -> float:
    return max(plain_text_px(line, LABEL_FONT_PX) for line in _label_lines(title))


LABEL_GAP_PX = 8  # between an event's mark and its label: Plotly's text offset and the mark's radius
MARGIN_RIGHT = 16  # room for the chosen event's larger mark at the axis's right end
LANE_NAME_LINE = 18  # characters per line of a lane's name, left of the plot


def x_range(years: tuple[int, int]) -> tuple[float, float]:
    """The time axis's range for `years`: an event late in the last year sits at its right end,
    and without room half its mark (and the chosen event's larger one) was cut at the chart's
    edge, on a phone most of all."""
    room = max(1.0, EDGE_ROOM * (years[1] - years[0]))
    return years[0] - room, years[1] + 1 + room


def _lane_name(label: object) -> str:
    return plotly_lines(str(label), LANE_NAME_LINE)


def years_per_px(events: pd.DataFrame, years: tuple[int, int]) -> float:
    """Years per pixel of the plot at the narrowest chart that draws labels (NARROWEST_WORDS_CHART_PX
    less the margins, the left one holding the names of the lanes of `events`). Packing for the
    narrowest keeps labels apart and inside the chart at every width; wider charts just get air.
    (At a fixed 300 px, measured at 800 px, labels covered each other at 769 and 864 px in Russian,
    whose plots are 284 and 251 px.)"""
    names = [_lane_name(label) for label in pd.unique(events["category_label"])]
    low, high = x_range(years)
    return (high - low) / narrowest_plot_px(left_margin(names, None), MARGIN_RIGHT)


def label_layout(events: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Where each event's label goes, its lines, the rows of its lane it takes, and what stretch of
    years the event and label occupy.

    A label sits right of the event's last year (a span's label follows its bar); where it would
    run past the axis it goes left of the first year instead. Where it fits neither side (a long
    title in the axis's middle, on the narrowest page) it goes on the side with more room, wrapped
    to that room over up to TALL_LABEL_LINES lines, taking a row of its lane for every two. Kept
    at two lines, such a label ran into the lane names (at 769-1000 px in Russian) or past the
    chart's edge; a label too long even for that stays at two lines on the roomier side.
    `events` needs title, x_start, x_end and category_label (the lanes' names take the plot's room).
    """
    # NOTE: measured title by title, not with events["title"].map(...): on a categorical column
    # whose titles all measure differently, pandas returns a Categorical, which cannot be added to.
    titles = [" ".join(str(title).split()) for title in events["title"]]
    label_widths = np.fromiter((_label_px(title) for title in titles), dtype=float, count=len(events))
    per_px = years_per_px(events, years)
    width = (label_widths + LABEL_GAP_PX) * per_px
    start = events["x_start"].to_numpy(dtype=float)
    end = events["x_end"].to_numpy(dtype=float)
    room_right = years[1] + 1 - (end + 0.5)
    room_left = (start - 0.5) - (years[0] - 1)
    fits_right, fits_left = width <= room_right, width <= room_left
    # Right where it fits; else left where it fits; where neither does, the side with more room.
    right = fits_right | (~fits_left & (room_right >= room_left))
    lines = [_label_lines(title) for title in titles]
    rows = np.ones(len(events), dtype=int)
    for at in np.flatnonzero(~fits_right & ~fits_left):
        room_px = max(room_left[at], room_right[at]) / per_px - LABEL_GAP_PX
        if narrow := _tall_lines(titles[at], room_px):
            lines[at], rows[at] = narrow, math.ceil(len(narrow) / LABEL_LINES)
            width[at] = (max(plain_text_px(line, LABEL_FONT_PX) for line in narrow) + LABEL_GAP_PX) * per_px
    occupied_from = np.where(right, start - 0.5, start - 0.5 - width)
    occupied_to = np.where(right, end + 0.5 + width, end + 0.5)
    return pd.DataFrame(
        {"side": np.where(right, "right", "left"), "from": occupied_from, "to": occupied_to, "lines": lines,
         "rows_taken": rows},
        index=events.index,
    )  # fmt: skip


TALL_LABEL_LINES = 6  # a label's lines where two fit neither side of its event: three rows of its lane


def _tall_lines(title: str, room_px: float) -> tuple[str, ...] | None:
    """`title` over at most TALL_LABEL_LINES lines each within `room_px`, or None where it needs
    more lines or a word wider than the room (broken, it would no longer be the whole title)."""
    if room_px <= 0:
        return None
    lines = wrap_px(title, room_px, LABEL_FONT_PX)
    if len(lines) > TALL_LABEL_LINES or " ".join(lines) != title:
        return None
    return tuple(lines)


def assign_lanes(events: pd.DataFrame, years: tuple[int, int]) -> pd.DataFrame:
    """Each dated event's label as `label_layout` places it, with its `row` within its category's
    lane, so that no two events (with their labels) overlap: greedy interval packing in order of
    the stretch they occupy. An event whose label takes several rows sits in their middle (two
    rows: its row ends in .5). What `timeline_figure` draws."""
    layout = label_layout(events, years)
    # NOTE: on arrays, not a sub-frame per lane: pandas' cost per selection was most of the time.
    order = layout["from"].sort_values().index
    starts = layout["from"].reindex(order).tolist()
    ends = layout["to"].reindex(order).tolist()
    taken = layout["rows_taken"].reindex(order).tolist()
    free_from: dict[object, list[float]] = {}  # per category, the x from which each row is free
    rows = pd.Series(0.0, index=events.index, dtype=float)
    lane_rows = []
    for category, occupied_from, occupied_to, count in zip(
        events["category"].reindex(order), starts, ends, taken, strict=True
    ):
        row_free_from = free_from.setdefault(category, [])
        row = next(
            r
            for r in range(len(row_free_from) + 1)
            if all(r + k >= len(row_free_from) or row_free_from[r + k] <= occupied_from for k in range(count))
        )
        for k in range(count):
            if row + k == len(row_free_from):
                row_free_from.append(occupied_to)
            else:
                row_free_from[row + k] = occupied_to
        lane_rows.append(row + (count - 1) / 2)
    rows.loc[order] = np.array(lane_rows, dtype=float)
    return layout.assign(row=rows)


# Pixels per row of a lane: a label's two lines at LABEL_FONT_PX take 27. The figure's height gives
# each row this much at the narrowest chart, whose legend is one column: sized for two legend rows,
# rows nominally 34 px were 28 px there, and two-line labels covered each other.
ROW_HEIGHT = 30
ROW_PAD = 0.8  # rows left free above the first row and below the last: a tall label's first line
LEGEND_ENTRY_PX = 29  # a category's line in the legend: Plotly's 19 px and its 10 px between groups
LEGEND_TITLE_PX = 20
AXIS_PX = 100  # the figure's top margin (20) and Plotly's bottom one, for the year axis (80)
LEGEND_GAP = 0.02  # of the plot's height, between it and the legend (LEGEND_ABOVE's y of 1.02)

# The events' columns the chart reads (of the event view's forty or so).
DRAWN_COLUMNS = ("event_id", "title", "description", "date_text", "date_precision", "year_start", "x_start", "x_end",
                 "category", "category_order", "category_label", "country_names")  # fmt: skip


def _hovers(lane: dict[str, np.ndarray]) -> list[str]:
    invitation = plotly_escaped(_("Click for the source's words"))
    words = ("title", "date_text", "category_label", "country_names", "description")
    return [
        f"<b>{plotly_escaped(title)}</b><br>{plotly_escaped(date)}<br>"
        f"{plotly_escaped(category)} · {plotly_escaped(countries)}<br>"
        f"{plotly_lines(description)}<br><i>{invitation}</i>"
        for title, date, category, countries, description in zip(*(lane[name] for name in words), strict=True)
    ]


def timeline_figure(
    events: pd.DataFrame, placed: pd.DataFrame, years: tuple[int, int], selected: str = ""
) -> go.Figure:
    """One trace per category (the legend), y = lane offset + row; spans drawn as thick lines;
    each event on its row and its label where `placed` (`assign_lanes`) puts them."""
    # NOTE: each lane is a selection of plain arrays, not of the frame: a few hundred events at
    # most, and pandas' cost per selection and per column was most of a first visit's chart.
    columns = {name: events[name].to_numpy() for name in DRAWN_COLUMNS}
    columns["x_start"] = events["x_start"].to_numpy(dtype=float, na_value=np.nan)
    columns["x_end"] = events["x_end"].to_numpy(dtype=float, na_value=np.nan)
    placed = placed.reindex(events.index)
    columns["row"] = placed["row"].to_numpy()
    columns["side"] = placed["side"].to_numpy()
    columns["lines"] = placed["lines"].to_numpy()
    columns["taken"] = placed["rows_taken"].to_numpy()
    categories = list(dict.fromkeys(events.sort_values("category_order")["category"]))
    in_category = {category: np.flatnonzero(columns["category"] == category) for category in categories}
    lanes = {category: {name: values[at] for name, values in columns.items()} for category, at in in_category.items()}
    offsets, ticks, offset = {}, [], 0
    for category in categories:
        lane = lanes[category]
        height = math.ceil((lane["row"] + (lane["taken"] - 1) / 2).max() + 1)  # to its last row taken
        offsets[category] = offset
        ticks.append((offset + (height - 1) / 2, category))
        offset += height + 1  # a blank row between lanes
    traces = []
    for category in categories:
        lane = lanes[category]
        y = offsets[category] + lane["row"]
        # By the category's place in the data's list, not among those shown: the same in every filter state.
        colour = category_colour(int(lane["category_order"][0]))
        spans = lane["date_precision"] == "span"
        if spans.any():
            xs: list[float | None] = []
            ys: list[float | None] = []  # a row ends in .5 where a label takes two
            for start, end, row in zip(lane["x_start"][spans].tolist(), lane["x_end"][spans].tolist(),
                                       y[spans].tolist(), strict=True):  # fmt: skip
                xs += [start, end, None]
                ys += [row, row, None]
            traces.append(dict(type="scatter", x=xs, y=ys, mode="lines", line={"color": colour, "width": 10},
                               hoverinfo="skip", showlegend=False, legendgroup=category))  # fmt: skip
        ids = [str(event_id) for event_id in lane["event_id"]]
        traces.append(
            dict(
                type="scatter",
                name=str(lane["category_label"][0]),
                legendgroup=category,
                # A span's point and label sit at the end its label is on, outside its bar.
                x=np.where(lane["side"] == "right", lane["x_end"], lane["x_start"]),
                y=y,
                mode="markers+text",
                marker={"size": 13, "color": colour, "line": {"width": 1, "color": "white"}},
                text=["<br>".join(plotly_escaped(line) for line in lines) for lines in lane["lines"]],
                textposition=["middle " + side for side in lane["side"]],
                textfont={"size": LABEL_FONT_PX},
                cliponaxis=False,  # a point on the axis's first or last year is drawn whole, not halved
                customdata=ids,
                hovertext=_hovers(lane),
                hovertemplate="%{hovertext}<extra></extra>",
                selectedpoints=[ids.index(selected)] if selected in ids else ([] if selected else None),
                # The chosen event is larger; the others keep their full colour and text, as a
                # faded mark or label would fall below 3:1 (4.5:1 for text) against the background.
                selected={"marker": {"size": 20}, "textfont": {"color": TEXT_COLOUR}},
                unselected={"marker": {"opacity": 1}, "textfont": {"color": TEXT_COLOUR}},
            )
        )
    layout = dict(
        xaxis={
            "title": _("Year"),
            "range": list(x_range(years)),
            "showgrid": True,
            "tickformat": "d",
        },
        yaxis={
            "range": [offset - 2 + ROW_PAD, -ROW_PAD],  # reversed: the first lane at the top
            "tickvals": [t for t, _ in ticks],
            "ticktext": [_lane_name(lanes[c]["category_label"][0]) for _, c in ticks],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        height=max(260, _height(offset - 1, len(categories))),
        legend={"title": _("Category"), **LEGEND_ABOVE},
        clickmode="event+select",
        dragmode=False,
        margin={"t": 20, "l": 10, "r": MARGIN_RIGHT},
        hoverlabel={"align": "left"},
        showlegend=True,
    )
    return readable_figure(traces, layout)


def _height(rows: int, categories: int) -> int:
    """The figure's height that gives `rows` rows ROW_HEIGHT each below a legend of `categories`
    in one column, as on the narrowest chart (a wider one's legend takes less: its rows get air).
    Plotly's own range padding is not left to it: it took four rows' height at each end."""
    plot = ROW_HEIGHT * (rows - 1 + 2 * ROW_PAD)
    return math.ceil(plot * (1 + LEGEND_GAP) + LEGEND_ENTRY_PX * categories + LEGEND_TITLE_PX + AXIS_PX)


def counts_figure(events: pd.DataFrame) -> go.Figure:
    """Dated events counted per first year, stacked by category (counts of events add up)."""
    counts = events.groupby(["category_order", "category_label", "year_start"], observed=True).size()
    traces = []
    for key, per_year in counts.groupby(level=[0, 1], sort=True):
        # Grouped on two levels, each key is an (order, label) pair; the stubs type a key as one scalar.
        order, label = cast("tuple[int, object]", key)
        years = per_year.index.get_level_values("year_start").astype(int)
        traces.append(go.Bar(name=plotly_escaped(str(label)), x=years, y=per_year.to_numpy(),
                       marker={"color": category_colour(order)},
                       hovertemplate=_("%{x}: %{y:,} events") + "<extra>%{fullData.name}</extra>"))  # fmt: skip
    layout = dict(
        barmode="stack",
        xaxis={"title": _("Year (first year of each event)")},
        yaxis={"title": _("Events")},
        legend={"title": _("Category"), **LEGEND_ABOVE},
        margin={"t": 20},
        showlegend=True,
    )
    return readable_figure(traces, layout)


def chart(view: pd.DataFrame, filters: TimelineFilters) -> go.Figure | None:
    """The chart for one filter state (with its selected event): each dated event when there are
    at most EVENTS_DRAWN, else counts per year; None when no dated event is left. One function of
    the shared view and the filters, so the page can share it between sessions."""
    events = filter_events(view, filters)
    # Only the columns drawn: each lane below is a selection of rows, which costs per column.
    dated = events.loc[events["year_start"].notna(), list(DRAWN_COLUMNS)]
    if dated.empty:
        return None
    if len(dated) > EVENTS_DRAWN:
        return counts_figure(dated)
    return timeline_figure(dated, assign_lanes(dated, filters.years), filters.years, filters.event)
