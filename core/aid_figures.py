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
from core.scalars import as_int
from core.style import status_marker
from core.sums import LISTED, Sum, add_up, period_problems

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


BARS_DRAWN = 40  # bars in one chart; past this it is unreadable (the table lists every figure)


@dataclass(frozen=True)
class Bar:
    """One bar: a total under the one rule (core.sums), or a single figure standing beside others
    it cannot be added to."""

    group: str  # the recipient, kind or status it is drawn under
    detail: str  # its second line: the kind of flow and what it adds, or the figure's id
    status: str
    status_label: str
    firmness: int  # orders the statuses' traces, firmest first
    amount: float
    text: str  # the label beside the bar
    hover: str


def bar_units(flows: pd.DataFrame, by: str, data: aid.AidData, years: tuple[int, int]) -> tuple[list[Bar], int]:
    """The bars for `flows` grouped `by`, largest first, at most BARS_DRAWN, and how many there are.

    A bar is a total of one group, status and kind of flow when the rule allows it; otherwise each
    figure has its own bar, side by side, saying why it is not added. `flows` largest first.
    """
    column = _GROUP_COLUMN[by]
    bars: list[Bar] = []
    count = 0
    for (group, status, kind), rows in flows.groupby([column, "status", "kind_label"], observed=True, sort=False):
        result = add_up(rows, data.scopes, years, data.names)
        label, firmness = str(rows["status_label"].iloc[0]), as_int(rows["firmness"].iloc[0])
        kind_words = "" if by == "kind" else f"{kind} · "
        if result.total is not None and result.added_count > 1:
            added = rows[rows["flow_id"].astype(str).isin(result.added)] if result.added_count <= LISTED else rows
            count += 1
            bars.append(Bar(
                str(group), f"{kind_words}sum of {result.added_words()}", str(status), label, firmness,
                float(result.total),
                _bar_label(result), _sum_hover(added.head(HOVER_LIMIT), result),
            ))  # fmt: skip
            singles = rows[period_problems(rows["year_start"], rows["year_end"], years) != ""]
        else:
            singles = rows
        count += len(singles)
        why = dict(result.apart)  # the first LISTED; the rest are marked by the sentence below
        for row in singles.head(BARS_DRAWN).itertuples(index=False):
            fid = str(row.flow_id)
            note = why.get(fid) or (f"not added: {result.reason}" if result.total is None and len(rows) > 1 else "")
            bars.append(Bar(
                str(group), f"{kind_words}{fid}" + (f" ({note})" if note else ""), str(status), label, firmness,
                float(row.amount_usd), format_usd(row.amount_usd, row.qualifier, short=True),
                flow_hover(pd.Series(row._asdict())) + (f"<br><b>Not added</b>: {html.escape(note)}" if note else ""),
            ))  # fmt: skip
    bars.sort(key=lambda bar: -bar.amount)
    return bars[:BARS_DRAWN], count


def _sum_hover(added: pd.DataFrame, result: Sum) -> str:
    lines = [f"<b>{html.escape(result.words())}</b>: a total of {html.escape(result.added_words())}"]
    lines += [flow_hover(row) for _, row in added.iterrows()]
    if result.added_count > len(added):
        lines.append(f"… and {result.added_count - len(added):,} more figures (see the table)")
    return "<br><br>".join(lines)


def bars_figure(bars: list[Bar], by: str, log_scale: bool = False) -> go.Figure:
    """One horizontal bar per total or lone figure (statuses side by side by colour and pattern,
    never stacked), each with its group and what it adds on its label."""
    labels = [f"{textwrap.fill(b.group, 28)}<br><sup>{textwrap.shorten(b.detail, 64, placeholder='…')}</sup>"
              .replace("\n", "<br>") for b in bars]  # fmt: skip
    traces = []
    statuses = sorted({(b.firmness, b.status, b.status_label) for b in bars})
    for _, status, label in statuses:
        mine = [i for i, b in enumerate(bars) if b.status == status]
        traces.append(
            go.Bar(
                name=label,
                orientation="h",
                y=[labels[i] for i in mine],
                x=[bars[i].amount / BILLION for i in mine],
                text=[bars[i].text for i in mine],
                textposition="outside",
                cliponaxis=False,
                customdata=[bars[i].hover for i in mine],
                hovertemplate="%{customdata}<extra>" + html.escape(label) + "</extra>",
                marker=status_marker(status),
            )
        )
    layout = dict(
        barmode="overlay",  # one bar per row: a row is one total or one figure, never a stack
        yaxis={"title": GROUPINGS[by], "categoryorder": "array", "categoryarray": labels[::-1], "automargin": True},
        xaxis={
            "title": "US$ billions, as stated" + (" (log scale)" if log_scale else ""),
            "type": "log" if log_scale else "linear",
            "rangemode": "tozero",
        },
        legend={"title": "Status (never added together)", "orientation": "h", "y": -0.2},
        height=max(320, 56 * len(bars) + 160),
        margin={"t": 30, "r": 80},
        hoverlabel={"align": "left"},
        showlegend=True,  # status is always named, even when only one is shown
    )
    return go.Figure(data=traces, layout=layout)


def _bar_label(result: Sum) -> str:
    return format_usd(result.total, result.qualifier, short=True)


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


def per_year_figure(spread: pd.DataFrame, data: aid.AidData) -> go.Figure:
    """Per-year amounts under the even-spread assumption: one trace per status and kind of flow,
    adding only figures whose recipients do not overlap; where they may, each figure is its own
    trace (side by side, never summed). Each year's slice lies inside the years chosen (annualise)."""
    traces = []
    for (_, status, kind), subset in spread.groupby(["firmness", "status", "kind_label"], observed=True, sort=True):
        label = f"{subset['status_label'].iloc[0]} · {kind}"
        overlapping = data.scopes.overlapping(subset["recipient_code"].astype(str))
        parts = [(label, subset)] if not overlapping else [
            (f"{label} · {fid}", rows) for fid, rows in subset.groupby("flow_id", observed=True, sort=False)
        ]  # fmt: skip
        for name, rows in parts:
            per_year = rows.groupby("year")["amount_per_year_usd"].sum()
            largest_first = rows.sort_values("amount_per_year_usd", ascending=False, kind="stable")
            hovers = _hovers(largest_first, ["year"], _spread_line, rows.groupby("year").size())
            traces.append(
                go.Bar(
                    name=f"{name} ({EVEN_SPREAD})",
                    x=per_year.index,
                    y=per_year.to_numpy() / BILLION,
                    customdata=hovers.reindex(per_year.index).to_numpy(),
                    hovertemplate=f"<b>%{{x}}</b> ({EVEN_SPREAD})<br>%{{customdata}}<extra>{html.escape(name)}</extra>",
                    marker=status_marker(str(status)),
                )
            )
    layout = dict(
        barmode="group",
        xaxis={"title": "Year"},
        yaxis={"title": f"{USD_BN} a year ({EVEN_SPREAD_SHORT})", "rangemode": "tozero"},
        legend={"title": "Status and kind of flow (never added together)", "orientation": "h", "y": -0.25},
        margin={"t": 30},
        hoverlabel={"align": "left"},
        showlegend=True,  # status is always named, even when only one is shown
    )
    return go.Figure(data=traces, layout=layout)


@dataclass(frozen=True)
class AidView:
    """What the page shows for one filter state that is small whatever the data's size."""

    figures: int  # rows kept by the filters
    totals: ScreenTable  # aid.totals: a row per status and kind of flow
    bars: go.Figure | None  # the bar chart, when the filters ask for it and something is left
    bars_total: int  # how many bars there are (at most BARS_DRAWN are drawn)
    bars_drawn: int
    table: ScreenTable  # the rows kept, largest first, the first SHOWN_ROWS ready for the screen
    empty_reason: str  # why nothing is kept, or "" (aid.empty_reason)


def aid_view(data: aid.AidData, filters: aid.AidFilters) -> AidView:
    """The bar chart and totals for one filter state, built in one place so the page can share
    them between sessions (`components.data.for_filters`). The per-year and over-time charts are
    built by the page on each rerun: they are other views of the same rows, drawn less often."""
    flows = aid.filter_money(data.view, filters)
    wanted = not flows.empty and not filters.per_year and filters.chart != "time"
    bars, count = bar_units(flows, filters.by, data, filters.years) if wanted else ([], 0)
    return AidView(
        figures=len(flows),
        totals=screen_table(aid.totals(flows, data, filters.years)),
        bars=bars_figure(bars, filters.by, filters.scale == "log") if bars else None,
        bars_total=count,
        bars_drawn=len(bars),
        table=screen_table(flows, lambda rows: aid.table(rows, filters.per_year)),
        empty_reason="" if len(flows) else aid.empty_reason(data.view, filters),
    )
