"""Plotly figures of Japan's money. Built from already-filtered frames; never call streamlit here.

Status is carried by colour and pattern with a legend; statuses are drawn side by side, never
stacked into one bar, so no picture adds realised money to agreed or contracted money.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from core import aid
from core.aid import GROUPINGS
from core.formatting import BILLION, USD_BN, ScreenTable, format_usd, screen_table
from core.scalars import as_float, as_int
from core.style import status_marker

_GROUP_COLUMN = {"recipient": "recipient_name", "kind": "kind_label", "status": "status_label"}
HOVER_LIMIT = 5  # figures listed in one bar's hover; the rest are counted
EVEN_SPREAD = "assumes an even spread over each period"
EVEN_SPREAD_SHORT = "even spread assumed"


def _wrap(text: str, width: int = 60) -> str:
    """Hover text from data: escaped (Plotly renders some HTML), wrapped for a readable box."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text), width)) or ""


def flow_hover(row: pd.Series) -> str:
    qualifier = "" if pd.isna(row["qualifier"]) else f" (the source says “{html.escape(str(row['qualifier']))}”)"
    return (
        f"<b>{html.escape(format_usd(row['amount_usd'], row['qualifier']))}</b>{qualifier}<br>"
        f"{html.escape(str(row['recipient_name']))} · {html.escape(str(row['kind_label']))}<br>"
        f"Period: {html.escape(str(row['period']))}<br>"
        f"Status: {html.escape(str(row['status_label']))}<br>"
        f"<i>“{_wrap(row['quote'])}”</i> ({html.escape(str(row['source_id']))}, ¶{int(row['paragraph'])})"
    )


def _hovers(flows: pd.DataFrame, keys: list[str], line, sizes: pd.Series) -> pd.Series:
    """Per group: the HOVER_LIMIT largest figures as hover lines, and a count of the rest.

    `flows` must be largest first, as `aid.money_view` is and filtering keeps: the first rows of a
    group are then its largest. `sizes`: each group's number of rows (indexed by `keys`).
    """
    top = _first_rows_per_group(flows, keys, sizes)
    lines = top.assign(line=[line(row) for _, row in top.iterrows()])
    joined = lines.groupby(keys, sort=False, observed=True)["line"].agg("<br><br>".join)
    more = (sizes - HOVER_LIMIT).clip(lower=0).reindex(joined.index)
    suffix = more.map(lambda n: f"<br><br>… and {n:,} more figures (see the table)" if n else "")
    return joined + suffix


def _first_rows_per_group(flows: pd.DataFrame, keys: list[str], sizes: pd.Series) -> pd.DataFrame:
    """The first HOVER_LIMIT rows of each group.

    NOTE: read from a growing head of the frame, not the whole of it: in a largest-first million
    rows, a few thousand usually hold every group's largest. A group's size says when its rows
    are all found; the head grows eightfold until they are, up to the whole frame.
    """
    wanted = sizes.clip(upper=HOVER_LIMIT)
    head = HOVER_LIMIT * 64 * max(len(sizes), 1)
    while True:
        top = flows.head(head).groupby(keys, observed=True, sort=False).head(HOVER_LIMIT)
        if head >= len(flows):
            return top
        found = top.groupby(keys, observed=True, sort=False).size().reindex(wanted.index, fill_value=0)
        if (found >= wanted).all():
            return top
        head *= 8


def _status_order(flows: pd.DataFrame) -> list[tuple[str, str]]:
    """The statuses present, firmest first. Grouped, not sorted: a sort would copy a big view."""
    present = flows.groupby("status", observed=True).agg(
        firmness=("firmness", "first"), label=("status_label", "first")
    )
    ordered = present.sort_values("firmness", kind="stable")  # as totals_by_status orders them
    return list(zip(ordered.index.astype(str), ordered["label"].astype(str), strict=True))


def bars_figure(
    flows: pd.DataFrame, by: str, log_scale: bool = False, statuses: list[tuple[str, str]] | None = None
) -> go.Figure:
    """Total per group and status (statuses side by side, horizontal so long names stay readable),
    each bar's hover listing the figures it adds. `flows` largest first (see `_hovers`).
    `statuses`: the (status, label) pairs present, firmest first, when the caller has them."""
    column = _GROUP_COLUMN[by]
    # One grouped pass over the rows; everything after works on a row per bar.
    groups = flows.groupby([column, "status"], observed=True, sort=False)
    bars = groups.agg(
        total=("amount_usd", "sum"), vague=("qualifier", "count"), largest=("amount_usd", "max"),
        figures=("amount_usd", "size"),
    )  # fmt: skip
    order = bars["largest"].groupby(level=column, observed=True).max().sort_values(ascending=True).index.tolist()
    hovers = _hovers(flows, [column, "status"], flow_hover, bars["figures"])
    traces = []
    for status, label in statuses if statuses is not None else _status_order(flows):
        of_status = bars.xs(status, level="status")
        names = [g for g in order if g in of_status.index]
        traces.append(
            go.Bar(
                name=label,
                orientation="h",
                y=[textwrap.fill(str(g), 28).replace("\n", "<br>") for g in names],
                x=[as_float(of_status.at[g, "total"]) / BILLION for g in names],
                text=[_bar_label(as_float(of_status.at[g, "total"]), as_int(of_status.at[g, "vague"])) for g in names],
                textposition="outside",
                cliponaxis=False,
                customdata=[hovers[(g, status)] for g in names],
                hovertemplate="%{customdata}<extra>" + html.escape(label) + "</extra>",
                marker=status_marker(status),
            )
        )
    wrapped = [textwrap.fill(str(g), 28).replace("\n", "<br>") for g in order]
    layout = dict(
        barmode="group",
        yaxis={"title": GROUPINGS[by], "categoryorder": "array", "categoryarray": wrapped, "automargin": True},
        xaxis={
            "title": "US$ billions, as stated" + (" (log scale)" if log_scale else ""),
            "type": "log" if log_scale else "linear",
            "rangemode": "tozero",
        },
        legend={"title": "Status (never added together)", "orientation": "h", "y": -0.2},
        height=max(320, 70 * len(order) + 160),
        margin={"t": 30, "r": 80},
        hoverlabel={"align": "left"},
        showlegend=True,  # status is always named, even when only one is shown
    )
    return go.Figure(data=traces, layout=layout)


def _bar_label(total: float, vague: int) -> str:
    text = format_usd(total)
    return f"≈ {text}" if vague else text


def timeline_figure(flows: pd.DataFrame, years: tuple[int, int]) -> go.Figure:
    """Each dated figure as a span over its years; an open period runs to the view's end, hatched
    lighter and labelled 'end not stated'. Figures with no period are not drawn (listed apart)."""
    dated = flows[flows["year_start"].notna()].sort_values(["year_start", "firmness"], ascending=[False, True])
    labels = [
        f"{textwrap.fill(str(r.recipient_name), 28)}<br>{r.kind_label} ({r.flow_id})".replace("\n", "<br>")
        for r in dated.itertuples()
    ]
    dated = dated.assign(label=labels)
    traces = []
    for status, label in _status_order(dated):
        subset = dated[dated["status"] == status]
        open_end = subset["year_end"].isna()
        end = subset["year_end"].fillna(years[1]).astype(int)
        start = subset["year_start"].astype(int)
        marker = status_marker(status)
        marker["opacity"] = [0.45 if o else 1.0 for o in open_end]
        traces.append(go.Bar(
            name=label,
            orientation="h",
            y=subset["label"],
            base=start,
            x=end - start + 1,  # a single-year figure still has the width of its year
            text=[f"{format_usd(a, q)} · end not stated" if o else format_usd(a, q) for a, q, o in
                  zip(subset["amount_usd"], subset["qualifier"], open_end, strict=True)],
            textposition="auto",
            cliponaxis=False,
            customdata=[flow_hover(row) for _, row in subset.iterrows()],
            hovertemplate="%{customdata}<extra>" + html.escape(label) + "</extra>",
            marker=marker,
        ))  # fmt: skip
    layout = dict(
        barmode="overlay",
        xaxis={"title": "Year (bars span the stated period)", "range": [years[0], years[1] + 1], "dtick": 5},
        yaxis={"title": None, "categoryorder": "array", "categoryarray": list(dated["label"])[::-1]},
        legend={"title": "Status", "orientation": "h", "y": -0.2},
        height=max(300, 60 * len(dated) + 150),
        margin={"t": 30},
        hoverlabel={"align": "left"},
        showlegend=True,  # status is always named, even when only one is shown
    )
    return go.Figure(data=traces, layout=layout)


def _spread_line(row: pd.Series) -> str:
    return (
        f"{html.escape(str(row['recipient_name']))}: {html.escape(format_usd(row['amount_per_year_usd']))} a year "
        f"of {html.escape(format_usd(row['amount_usd'], row['qualifier']))} over {row['years_in_period']} years"
    )


def per_year_figure(spread: pd.DataFrame) -> go.Figure:
    """Per-year amounts under the even-spread assumption, statuses side by side."""
    traces = []
    for status, label in _status_order(spread):
        subset = spread[spread["status"] == status]
        per_year = subset.groupby("year")["amount_per_year_usd"].sum()
        largest_first = subset.sort_values("amount_per_year_usd", ascending=False, kind="stable")
        hovers = _hovers(largest_first, ["year"], _spread_line, subset.groupby("year").size())
        traces.append(
            go.Bar(
                name=f"{label} ({EVEN_SPREAD})",
                x=per_year.index,
                y=per_year.to_numpy() / BILLION,
                customdata=hovers.reindex(per_year.index).to_numpy(),
                hovertemplate=f"<b>%{{x}}</b> ({EVEN_SPREAD})<br>%{{customdata}}<extra>{html.escape(label)}</extra>",
                marker=status_marker(status),
            )
        )
    layout = dict(
        barmode="group",
        xaxis={"title": "Year"},
        yaxis={"title": f"{USD_BN} a year ({EVEN_SPREAD_SHORT})", "rangemode": "tozero"},
        legend={"title": "Status (never added together)", "orientation": "h", "y": -0.25},
        margin={"t": 30},
        hoverlabel={"align": "left"},
        showlegend=True,  # status is always named, even when only one is shown
    )
    return go.Figure(data=traces, layout=layout)


@dataclass(frozen=True)
class AidView:
    """What the page shows for one filter state that is small whatever the data's size."""

    figures: int  # rows kept by the filters
    totals: ScreenTable  # aid.totals_display: a row per status
    bars: go.Figure | None  # the bar chart, when the filters ask for it and something is left
    table: ScreenTable  # the rows kept, largest first, the first SHOWN_ROWS ready for the screen
    empty_reason: str  # why nothing is kept, or "" (aid.empty_reason)


def aid_view(view: pd.DataFrame, filters: aid.AidFilters) -> AidView:
    """The bar chart and totals for one filter state, built in one place so the page can share
    them between sessions (`components.data.for_filters`). The per-year and over-time charts are
    built by the page on each rerun: they are other views of the same rows, drawn less often."""
    flows = aid.filter_money(view, filters)
    bars = not flows.empty and not filters.per_year and filters.chart != "time"
    totals = aid.totals_by_status(flows)  # firmest first: also the bars' order of statuses
    statuses = list(zip(totals["status"].astype(str), totals["status_label"].astype(str), strict=True))
    return AidView(
        figures=len(flows),
        totals=screen_table(aid.totals_display(totals)),
        bars=bars_figure(flows, filters.by, filters.scale == "log", statuses) if bars else None,
        table=screen_table(flows, lambda rows: aid.table(rows, filters.per_year)),
        empty_reason="" if len(flows) else aid.empty_reason(view, filters),
    )
