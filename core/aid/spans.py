"""The aid page's "Over time" chart: each dated figure of Japan's money as a span over its stated
years, in its status's colour and pattern, with its amount written where the narrowest chart that
shows amounts has room for it. Built from already-filtered frames; never call streamlit here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from core.aid.hover import flow_hover, legend_entry, plain
from core.aid.rows import AMOUNT_FONT_PX, AMOUNT_PAD_PX, name_lines, narrow_legend_px, row_px
from core.formatting import format_usd, plotly_escaped, plotly_lines
from core.i18n import _
from core.style import BACKGROUND, LEGEND_ABOVE, MARK_EDGE, TEXT_COLOUR, readable_figure, status_marker, status_style
from core.text_width import left_margin, narrowest_plot_px, plain_text_px, wrap_px

# The periods chart's amounts (core.aid.rows.AMOUNT_FONT_PX) are placed for the narrowest chart that
# draws them (NARROWEST_WORDS_CHART_PX); the right margin holds one written past a span's end.
PERIODS_MARGIN_RIGHT = 90
# Where a span's amount is written: Plotly's "auto" (on the span, else past its end), on the span,
# or before its start (in a text-only trace: Plotly writes a bar's text only on it or past its end).
AUTO, INSIDE, BEFORE = "auto", "inside", "before"


def _status_order(flows: pd.DataFrame) -> list[tuple[str, str]]:
    """The statuses present, firmest first. Grouped, not sorted: a sort would copy a big view."""
    present = flows.groupby("status", observed=True).agg(
        firmness=("firmness", "first"), label=("status_label", "first")
    )
    ordered = present.sort_values("firmness", kind="stable")  # as totals_by_status orders them
    return list(zip(ordered.index.astype(str), ordered["label"].astype(str), strict=True))


def spans_figure(flows: pd.DataFrame, years: tuple[int, int]) -> go.Figure:
    """Each dated figure as a span over its years; an open period runs to the view's end, hatched
    lighter and labelled 'end not stated'. Figures with no period are not drawn (listed apart).
    A span's amount is written on it or past its end, or before its start where past its end it
    would run out of the chart, broken over lines where one line fits nowhere (`_amount_places`)."""
    dated = flows[flows["year_start"].notna()].sort_values(["year_start", "firmness"], ascending=[False, True])
    labels = [
        f"{name_lines(str(r.recipient_name))}<br>{plain(f'{r.kind_label} ({r.flow_id})')}" for r in dated.itertuples()
    ]
    open_end = dated["year_end"].isna()
    start = dated["year_start"].astype(int)
    end = dated["year_end"].fillna(years[1]).astype(int)
    rows = zip(dated["amount"], dated["qualifier"], dated["currency"], open_end, strict=True)
    stated = ((format_usd(a, q, currency=c), o) for a, q, c, o in rows)
    amounts = [_("{amount} · end not stated").format(amount=a) if o else a for a, o in stated]
    margin_left = left_margin(labels, None)  # as readable_figure will give the figure
    places, amounts = _amount_places(amounts, start.to_numpy(), end.to_numpy(), years, margin_left)
    dated = dated.assign(
        label=labels, amount_text=amounts, amount_place=places, start=start, end=end, open_end=open_end
    )
    traces = []
    for status, label in _status_order(dated):
        subset = dated[dated["status"] == status]
        open_ends = subset["open_end"].tolist()
        marker = _period_marker(status, open_ends)
        traces.append(dict(
            type="bar",
            name=legend_entry(label),
            orientation="h",
            y=subset["label"],
            base=subset["start"],
            x=subset["end"] - subset["start"] + 1,  # a single-year figure still has the width of its year
            text=subset["amount_text"],  # kept where written before the start: the text alternative reads it
            textposition=["none" if p == BEFORE else p for p in subset["amount_place"]],
            constraintext="none",  # a label too long for its bar goes beside it, never cut or shrunk
            # White on the dark fill; dark on an open period's white fill and beside a bar.
            insidetextfont={"color": [TEXT_COLOUR if o else MARK_EDGE for o in open_ends]},
            outsidetextfont={"color": TEXT_COLOUR},
            cliponaxis=False,
            customdata=[flow_hover(row) for _index, row in subset.iterrows()],
            hovertemplate="%{customdata}<extra>" + plotly_escaped(label) + "</extra>",
            marker=marker,
        ))  # fmt: skip
    if (dated["amount_place"] == BEFORE).any():
        written_before = dated[dated["amount_place"] == BEFORE]
        traces.append(dict(
            type="scatter",
            mode="text",  # words only: core.chart_text and the status legend pass it by
            y=written_before["label"],
            x=written_before["start"] - AMOUNT_PAD_PX * _years_per_px(years, margin_left),
            text=written_before["amount_text"],
            textposition="middle left",
            textfont={"color": TEXT_COLOUR, "size": AMOUNT_FONT_PX},
            cliponaxis=False,
            hoverinfo="skip",
            showlegend=False,
        ))  # fmt: skip
    # Over two lines: on one line a narrow chart cuts it at its edge.
    axis_title = plotly_lines(_("Year (bars span the stated period)"), 22)
    layout = dict(
        barmode="overlay",
        # Plotly spaces the years to the chart's width: every five years (as fixed before) ran
        # together on a phone.
        xaxis={"title": axis_title, "range": [years[0], years[1] + 1]},
        yaxis={"title": None, "categoryorder": "array", "categoryarray": list(dated["label"])[::-1]},
        legend={"title": _("Status"), **LEGEND_ABOVE},
        # Rows hold the longest label's lines and an amount's broken over several.
        height=max(300, row_px([*labels, *amounts], 60) * len(dated) + 150 + narrow_legend_px(traces)),
        margin={"t": 30, "r": PERIODS_MARGIN_RIGHT},  # room for an amount written past a span's end
        hoverlabel={"align": "left"},
        showlegend=True,  # status is always named, even when only one is shown
    )
    return readable_figure(traces, layout)


def _years_per_px(years: tuple[int, int], margin_left: int) -> float:
    """Years per pixel of the periods chart's plot at its narrowest."""
    return (years[1] + 1 - years[0]) / narrowest_plot_px(margin_left, PERIODS_MARGIN_RIGHT)


def _amount_places(
    amounts: list[str], start: np.ndarray, end: np.ndarray, years: tuple[int, int], margin_left: int
) -> tuple[list[str], list[str]]:
    """Where each span's amount is written (AUTO: on the span or past its end, as Plotly fits it;
    INSIDE: on the span; BEFORE: before its start), and the amount as written, escaped for Plotly.

    Written before the start: a span too narrow to hold its amount whose end leaves too little room
    for it before the chart's edge, where the start leaves enough. Where one line fits nowhere the
    amount is broken between words over the fewest lines, on the span, past its end or before its
    start (in that order where they tie). Before the start it stops at the plot: further left it
    would cover the y labels. Reckoned for the narrowest chart that shows amounts: a wider one only
    has more room. (Past the end, Plotly's "auto" placement ran a late short span's amount, "до 200
    млн долл. США", out of the chart at 641-1000 px in Russian, and "5,5 млрд долл. США", which fits
    nowhere on one line at 864 px, by 2 px beside a scrollbar.)"""
    per_px = _years_per_px(years, margin_left)
    needed = np.fromiter((plain_text_px(a, AMOUNT_FONT_PX) + 2 * AMOUNT_PAD_PX for a in amounts), float, len(amounts))
    # As drawn: a span reaching past the chosen years is cut at the axis's ends.
    start, end = np.clip(start, years[0], years[1]), np.clip(end, years[0], years[1])
    rooms = {
        INSIDE: (end + 1 - start) / per_px,
        AUTO: (years[1] - end) / per_px + PERIODS_MARGIN_RIGHT,
        BEFORE: (start - years[0]) / per_px,
    }
    places = [AUTO] * len(amounts)
    written = [plotly_escaped(amount) for amount in amounts]
    for i, amount in enumerate(amounts):
        if rooms[INSIDE][i] >= needed[i] or rooms[AUTO][i] >= needed[i]:
            continue  # on one line, where Plotly's "auto" puts it
        if rooms[BEFORE][i] >= needed[i]:
            places[i] = BEFORE
            continue
        wrapped = {place: wrap_px(amount, room[i] - 2 * AMOUNT_PAD_PX, AMOUNT_FONT_PX) for place, room in rooms.items()}
        # Fewest lines, and a word broken inside it (wrap_px does so only where it is wider than the room) last.
        place = min(wrapped, key=lambda p: (" ".join(wrapped[p]) != amount, len(wrapped[p])))
        places[i] = place
        written[i] = "<br>".join(plotly_escaped(line) for line in wrapped[place])
    return places, written


def _period_marker(status: str, open_end: list[bool]) -> dict:
    """A stated period filled in the status's colour; an open one ("end not stated") white with the
    status's outline and its pattern in the status's colour: a pattern and an outline, not a pale
    tint, so it keeps 3:1 against the background and survives greyscale print."""
    marker = status_marker(status)
    style = status_style(status)
    marker["color"] = [BACKGROUND if o else style.colour for o in open_end]
    marker["line"] = {"color": style.colour, "width": 2}
    marker["pattern"] = {
        **marker["pattern"],
        "shape": [(style.pattern or "-") if o else style.pattern for o in open_end],
        "fgcolor": [style.colour if o else MARK_EDGE for o in open_end],
    }
    return marker
