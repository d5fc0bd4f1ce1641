"""The timeline figure: categories as lanes, each event a point (a year) or a bar (a span).

Rows within a lane come from `timeline.assign_lanes`, so events and labels never hide one another.
"""

from __future__ import annotations

import html
import textwrap
from typing import cast

import pandas as pd
import plotly.graph_objects as go

from core import timeline
from core.i18n import _
from core.style import TEXT_COLOUR, category_colour, readable
from core.timeline import label_layout

ROW_HEIGHT = 34  # pixels per row of a lane


def _hover(row: pd.Series) -> str:
    description = "<br>".join(html.escape(line) for line in textwrap.wrap(str(row["description"]), 60))
    invitation = html.escape(_("Click for the source's words"), quote=False)
    return (
        f"<b>{html.escape(str(row['title']))}</b><br>"
        f"{html.escape(str(row['date_text']))}<br>"
        f"{html.escape(str(row['category_label']))} · {html.escape(str(row['country_names']))}<br>"
        f"{description}<br><i>{invitation}</i>"
    )


def timeline_figure(events: pd.DataFrame, rows: pd.Series, years: tuple[int, int], selected: str = "") -> go.Figure:
    """One trace per category (the legend), y = lane offset + row; spans drawn as thick lines."""
    categories = list(dict.fromkeys(events.sort_values("category_order")["category"]))
    offsets, ticks, offset = {}, [], 0
    for category in categories:
        height = int(rows[events["category"] == category].max()) + 1
        offsets[category] = offset
        ticks.append((offset + (height - 1) / 2, category))
        offset += height + 1  # a blank row between lanes
    sides = label_layout(events, years)["side"]
    traces = []
    for category in categories:
        lane = events[events["category"] == category]
        y = offsets[category] + rows[lane.index]
        # By the category's place in the data's list, not among those shown: the same in every filter state.
        colour = category_colour(int(lane["category_order"].iloc[0]))
        spans = lane[lane["date_precision"] == "span"]
        if not spans.empty:
            xs, ys = [], []
            for index, span in spans.iterrows():
                xs += [span["year_start"], span["year_end"], None]
                ys += [y[index], y[index], None]
            traces.append(go.Scatter(x=xs, y=ys, mode="lines", line={"color": colour, "width": 10},
                               hoverinfo="skip", showlegend=False, legendgroup=category))  # fmt: skip
        ids = lane["event_id"].tolist()
        traces.append(
            go.Scatter(
                name=str(lane["category_label"].iloc[0]),
                legendgroup=category,
                # A span's point and label sit at the end its label is on, outside its bar.
                x=lane["year_end"].where(sides[lane.index] == "right", lane["year_start"]).astype(float),
                y=y,
                mode="markers+text",
                marker={"size": 13, "color": colour, "line": {"width": 1, "color": "white"}},
                text=[_label(title) for title in lane["title"]],
                textposition=["middle " + side for side in sides[lane.index]],
                textfont={"size": 11},
                cliponaxis=False,  # a point on the axis's first or last year is drawn whole, not halved
                customdata=ids,
                hovertext=[_hover(row) for _, row in lane.iterrows()],
                hovertemplate="%{hovertext}<extra></extra>",
                selectedpoints=[ids.index(selected)] if selected in ids else ([] if selected else None),
                # The chosen event is larger; the others keep their full colour and text, as a
                # faded mark or label would fall below 3:1 (4.5:1 for text) against the background.
                selected={"marker": {"size": 20}, "textfont": {"color": TEXT_COLOUR}},
                unselected={"marker": {"opacity": 1}, "textfont": {"color": TEXT_COLOUR}},
            )
        )
    layout = dict(
        xaxis={"title": _("Year"), "range": [years[0] - 1, years[1] + 1], "showgrid": True, "tickformat": "d"},
        yaxis={
            "autorange": "reversed",
            "tickvals": [t for t, _ in ticks],
            "ticktext": [_lane_title(events, c) for _, c in ticks],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        height=max(260, ROW_HEIGHT * offset + 140),
        legend={"title": _("Category"), "orientation": "h", "y": -0.12},
        clickmode="event+select",
        dragmode=False,
        margin={"t": 20, "l": 10},
        hoverlabel={"align": "left"},
        showlegend=True,
    )
    return readable(go.Figure(data=traces, layout=layout))


def _label(title: object) -> str:
    """The point's label: the whole title over up to two lines, not cut with "…" (WCAG 1.4.10)."""
    return "<br>".join(html.escape(line) for line in timeline.label_lines(title))


def _lane_title(events: pd.DataFrame, category: str) -> str:
    label = str(events.loc[events["category"] == category, "category_label"].iloc[0])
    return "<br>".join(html.escape(line) for line in textwrap.wrap(label, 18))


def counts_figure(events: pd.DataFrame) -> go.Figure:
    """Dated events counted per first year, stacked by category (counts of events add up)."""
    counts = events.groupby(["category_order", "category_label", "year_start"], observed=True).size()
    traces = []
    for key, per_year in counts.groupby(level=[0, 1], sort=True):
        # Grouped on two levels, each key is an (order, label) pair; the stubs type a key as one scalar.
        order, label = cast("tuple[int, object]", key)
        years = per_year.index.get_level_values("year_start").astype(int)
        traces.append(go.Bar(name=html.escape(str(label)), x=years, y=per_year.to_numpy(),
                       marker={"color": category_colour(order)},
                       hovertemplate=_("%{x}: %{y:,} events") + "<extra>%{fullData.name}</extra>"))  # fmt: skip
    layout = dict(
        barmode="stack",
        xaxis={"title": _("Year (first year of each event)")},
        yaxis={"title": _("Events")},
        legend={"title": _("Category"), "orientation": "h", "y": -0.2},
        margin={"t": 20},
        showlegend=True,
    )
    return readable(go.Figure(data=traces, layout=layout))


def chart(view: pd.DataFrame, filters: timeline.TimelineFilters) -> go.Figure | None:
    """The chart for one filter state (with its selected event): each dated event when there are
    at most EVENTS_DRAWN, else counts per year; None when no dated event is left. One function of
    the shared view and the filters, so the page can share it between sessions."""
    events = timeline.filter_events(view, filters)
    dated = events[events["year_start"].notna()]
    if dated.empty:
        return None
    if len(dated) > timeline.EVENTS_DRAWN:
        return counts_figure(dated)
    return timeline_figure(dated, timeline.assign_lanes(dated, filters.years), filters.years, filters.event)
