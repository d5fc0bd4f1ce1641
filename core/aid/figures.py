"""Plotly figures of Japan's money. Built from already-filtered frames; never call streamlit here.

Status is carried by colour and pattern with a legend; statuses are drawn side by side, never
stacked into one bar, so no picture adds realised money to agreed or contracted money.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from core import i18n
from core.aid.data import AidData
from core.aid.hover import HOVER_LIMIT, flow_hover, group_hovers, legend_entry, more_figures, plain
from core.aid.params import GROUPINGS
from core.formatting import BILLION, currency_unit, first_and_more, format_usd, plotly_escaped, plotly_lines
from core.i18n import N_, _, ngettext
from core.scalars import as_int
from core.style import BACKGROUND, LEGEND_ABOVE, MARK_EDGE, TEXT_COLOUR, readable_figure, status_marker, status_style
from core.sums import NO_FIGURE, RULE_EXTRAS, Sum, add_up_each, apart_problems
from core.text_width import left_margin, narrowest_plot_px, plain_text_px, wrap_px

_GROUP_COLUMN = {"recipient": "recipient_name", "kind": "kind_label", "status": "status_label"}

EVEN_SPREAD = N_("assumes an even spread over each period")  # shown through _()


BAR_ROOM = 1.35  # the amount axis reaches this far past the longest bar, for the amount written beside it
# Characters per line of a y label's name and of its smaller detail. The labels' width is the
# figure's left margin, which a phone's chart (358 px) takes from its plot: at 28 and 64 the aid
# bars' plot was 23-41 px there, too narrow for its axis's numbers to stand apart.
NAME_LINE = 24
DETAIL_LINE = 30
LABEL_LINE_PX = 16  # the height of a y label's line as Plotly draws it (12 px type, 1.3 line spacing)

# The periods chart's amounts: drawn at the figure's 12 px, with Plotly's 3 px between a bar and
# its text, and placed for the narrowest chart that draws them (NARROWEST_WORDS_CHART_PX).
AMOUNT_FONT_PX = 12
AMOUNT_PAD_PX = 3  # Plotly's pad between a bar's end and its text (TEXTPAD in its bar code)
PERIODS_MARGIN_RIGHT = 90


def _currency_of(flows: pd.DataFrame) -> str:
    """The one currency of a page's figures (the page shows one at a time); USD when there are none."""
    return str(flows["currency"].iloc[0]) if len(flows) and "currency" in flows.columns else "USD"


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


_NO_SUM = Sum(None, None, (), 0, (), 0, NO_FIGURE)  # a placeholder every group replaces

_RULE_COLUMNS = ["flow_id", "amount", "currency", "qualifier", "status", "kind", "recipient_code", "year_start",
                 "year_end"]  # fmt: skip


def bar_units(flows: pd.DataFrame, by: str, data: AidData, years: tuple[int, int]) -> tuple[list[Bar], int]:
    """The bars for `flows` grouped `by`, largest first, at most BARS_DRAWN, and how many there are.

    A bar is a total of one group, status and kind of flow when the rule allows it; otherwise each
    figure has its own bar, side by side, saying why it is not added. `flows` largest first.
    """
    # NOTE: the rule decides each group on its few columns; labels and hovers (the costly part)
    # are made only for the bars drawn, not for every figure of a big data set.
    column = _GROUP_COLUMN[by]
    # Ids, not labels (two kinds may share a label); the currency too, though a page shows one at a time.
    keys = list(dict.fromkeys([column, "currency", "status", "kind"]))
    problems = apart_problems(flows, years)
    grouped = flows.groupby(keys, observed=True, sort=False)
    codes = grouped.ngroup().to_numpy()
    rule_columns = [*_RULE_COLUMNS, *(c for c in RULE_EXTRAS if c in flows.columns), *keys]
    decided = add_up_each(flows[list(dict.fromkeys(rule_columns))], keys, data.scopes, years, data.names)
    # Indexed by each group's number in `codes` (a dict's order is not the groups' numbering).
    count_groups = int(codes.max()) + 1 if len(codes) else 0
    results: list[Sum] = [_NO_SUM] * count_groups
    group_keys: list[tuple] = [()] * count_groups
    for key, positions in grouped.indices.items():
        number = int(codes[positions[0]])
        group_keys[number] = key if isinstance(key, tuple) else (key,)
        results[number] = decided[group_keys[number]]
    summed = np.array([r.total is not None and r.added_count > 1 for r in results], dtype=bool)
    sizes = np.bincount(codes, minlength=len(results))
    singles = (problems != "") | ~summed[codes]
    candidates = [(float(results[g].total or 0), "sum", int(g)) for g in np.flatnonzero(summed)]
    chosen_singles = np.flatnonzero(singles)[:BARS_DRAWN]  # flows are largest first
    candidates += [(float(flows["amount"].iloc[i]), "single", int(i)) for i in chosen_singles]
    candidates.sort(key=lambda c: -c[0])
    bars = []
    for _amount, what, index in candidates[:BARS_DRAWN]:
        if what == "sum":
            positions = grouped.indices[group_keys[index]]
            shown = positions[problems[positions] == ""][:HOVER_LIMIT]  # the largest it adds
            bars.append(_sum_bar(flows.iloc[shown], by, results[index]))
        else:
            result, size = results[codes[index]], sizes[codes[index]]
            note = _(problems[index]) if problems[index] else ""
            if not note and result.total is None and size > 1:
                note = _("not added: {reason}").format(reason=result.reason)
            bars.append(_single_bar(flows.iloc[index], by, note))
    return bars, int(summed.sum() + singles.sum())


def _kind_words(by: str, kind: object) -> str:
    return "" if by == "kind" else f"{kind} · "


def _sum_bar(added: pd.DataFrame, by: str, result: Sum) -> Bar:
    first = added.iloc[0]
    group, status = first[_GROUP_COLUMN[by]], first["status"]
    return Bar(
        str(group), _kind_words(by, first["kind_label"]) + _("sum of {figures}").format(figures=result.added_words()),
        str(status),
        str(first["status_label"]),
        as_int(first["firmness"]), float(result.total or 0), _bar_label(result),
        _sum_hover(added, result),
    )  # fmt: skip


def _single_bar(row: pd.Series, by: str, note: str) -> Bar:
    group = row[_GROUP_COLUMN[by]]
    fid = str(row["flow_id"])
    return Bar(
        str(group), f"{_kind_words(by, row['kind_label'])}{fid}" + (f" ({note})" if note else ""), str(row["status"]),
        str(row["status_label"]), as_int(row["firmness"]), float(row["amount"]),
        format_usd(row["amount"], row["qualifier"], short=True, currency=row["currency"]),
        flow_hover(row) + ("<br>" + _("<b>Not added</b>: {reason}").format(reason=plotly_escaped(note))
                           if note else ""),
    )  # fmt: skip


def _sum_hover(added: pd.DataFrame, result: Sum) -> str:
    lines = [
        _("<b>{total}</b>: a total of {figures}").format(
            total=plotly_escaped(result.words()), figures=plotly_escaped(result.added_words())
        )
    ]
    hovers = [flow_hover(row) for _index, row in added.iterrows()]
    lines.append(first_and_more(hovers, len(hovers), total=result.added_count, separator="<br><br>", more=more_figures))
    return "<br><br>".join(lines)


def bars_figure(bars: list[Bar], by: str, log_scale: bool = False, currency: str = "USD") -> go.Figure:
    """One horizontal bar per total or lone figure (statuses side by side by colour and pattern,
    never stacked), each with its group and what it adds on its label."""
    labels: list[str] = []
    for b in bars:
        # A label two bars would share gets its status, or one bar would hide the other in the overlay.
        detail = textwrap.shorten(b.detail, 64, placeholder="…")
        label = _category_label(b.group, detail)
        if label in labels:
            label = _category_label(b.group, f"{detail} · {b.status_label}")
        labels.append(label)
    traces = []
    statuses = sorted({(b.firmness, b.status, b.status_label) for b in bars})
    for _firmness, status, label in statuses:
        mine = [i for i, b in enumerate(bars) if b.status == status]
        traces.append(
            dict(
                type="bar",
                name=legend_entry(label),
                orientation="h",
                y=[labels[i] for i in mine],
                x=[bars[i].amount / BILLION for i in mine],
                text=[bars[i].text for i in mine],
                textposition="outside",
                cliponaxis=False,
                customdata=[bars[i].hover for i in mine],
                hovertemplate="%{customdata}<extra>" + plain(label) + "</extra>",
                marker=status_marker(status),
            )
        )
    layout = dict(
        barmode="overlay",  # one bar per row: a row is one total or one figure, never a stack
        yaxis={"title": _(GROUPINGS[by]), "categoryorder": "array", "categoryarray": labels[::-1], "automargin": True},
        xaxis={
            "title": plotly_lines(  # over two lines where long: a phone's chart cut it
                (_("{unit} billions, as stated (log scale)") if log_scale else _("{unit} billions, as stated")).format(
                    unit=currency_unit(currency)
                ),
                30,
            ),
            "type": "log" if log_scale else "linear",
            "rangemode": "tozero",
            # Room past the longest bar for its amount: drawn outside the bar, on a narrow chart it
            # ran past the figure's edge. (A log axis's own range leaves the room.)
            **({} if log_scale else {"range": [0, BAR_ROOM * max((b.amount for b in bars), default=0) / BILLION or 1]}),
        },
        legend={"title": _("Status (never added together)"), **LEGEND_ABOVE},
        height=max(320, _row_px(labels, 56) * len(bars) + 160 + _narrow_legend_px(traces)),
        margin={"t": 30, "r": 80},
        hoverlabel={"align": "left"},
        showlegend=True,  # status is always named, even when only one is shown
    )
    return readable_figure(traces, layout)


def _row_px(labels: list[str], least: int) -> int:
    """Pixels per bar: `least`, or more where the longest label's lines need it, so that labels
    over several lines (a phone's narrow margin) never run into their neighbours."""
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    return max(least, LABEL_LINE_PX * lines + 12)


def _narrow_legend_px(traces: list[dict]) -> int:
    """What the legend above the plot takes on a phone, beyond the two rows a wide chart's legend
    takes: there its entries stand one under another, and the figure's height must hold them as
    well as the bars, or the bars' labels run into each other."""
    names = [trace["name"] for trace in traces if trace.get("showlegend", True)]
    one_column = sum(LABEL_LINE_PX * (name.count("<br>") + 1) + 4 for name in names) + 24  # + the title
    return max(0, one_column - 2 * 2 * LABEL_LINE_PX)


def _category_label(name: str, detail: str) -> str:
    """A y label: `name` over lines of NAME_LINE characters, `detail` in smaller type below it over
    lines of DETAIL_LINE. Data text is escaped (Plotly renders tags in ticks)."""
    details = "".join(f"<br><sup>{plain(line)}</sup>" for line in textwrap.wrap(detail, DETAIL_LINE))
    return plain(textwrap.fill(name, NAME_LINE)) + details


def _bar_label(result: Sum) -> str:
    return result.words(short=True)


def timeline_figure(flows: pd.DataFrame, years: tuple[int, int]) -> go.Figure:
    """Each dated figure as a span over its years; an open period runs to the view's end, hatched
    lighter and labelled 'end not stated'. Figures with no period are not drawn (listed apart).
    A span's amount is written on it or past its end, or before its start where past its end it
    would run out of the chart, over two lines where one fits neither side (`_amount_places`)."""
    dated = flows[flows["year_start"].notna()].sort_values(["year_start", "firmness"], ascending=[False, True])
    labels = [
        f"{plain(textwrap.fill(str(r.recipient_name), NAME_LINE))}<br>{plain(f'{r.kind_label} ({r.flow_id})')}"
        for r in dated.itertuples()
    ]
    open_end = dated["year_end"].isna()
    start = dated["year_start"].astype(int)
    end = dated["year_end"].fillna(years[1]).astype(int)
    rows = zip(dated["amount"], dated["qualifier"], dated["currency"], open_end, strict=True)
    stated = ((format_usd(a, q, currency=c), o) for a, q, c, o in rows)
    amounts = [_("{amount} · end not stated").format(amount=a) if o else a for a, o in stated]
    margin_left = left_margin(labels, None)  # as readable_figure will give the figure
    before, amounts = _amount_places(amounts, start.to_numpy(), end.to_numpy(), years, margin_left)
    dated = dated.assign(
        label=labels, amount_text=amounts, amount_before_start=before, start=start, end=end, open_end=open_end
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
            textposition=["none" if b else "auto" for b in subset["amount_before_start"]],
            constraintext="none",  # a label too long for its bar goes beside it, never cut or shrunk
            # White on the dark fill; dark on an open period's white fill and beside a bar.
            insidetextfont={"color": [TEXT_COLOUR if o else MARK_EDGE for o in open_ends]},
            outsidetextfont={"color": TEXT_COLOUR},
            cliponaxis=False,
            customdata=[flow_hover(row) for _index, row in subset.iterrows()],
            hovertemplate="%{customdata}<extra>" + plotly_escaped(label) + "</extra>",
            marker=marker,
        ))  # fmt: skip
    if dated["amount_before_start"].any():
        written_before = dated[dated["amount_before_start"]]
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
        height=max(300, _row_px(labels, 60) * len(dated) + 150 + _narrow_legend_px(traces)),
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
) -> tuple[np.ndarray, list[str]]:
    """Which spans have their amount written before their start, and each amount as written.
    Written before the start: a span too narrow to hold its amount whose end leaves too little room
    for it before the chart's edge, where the start leaves enough. Where one line fits neither side
    the amount is broken over lines, past the end where two lines fit there, else on the roomier
    side. Reckoned for the narrowest chart that shows amounts: a wider one only has more room.
    (Past the end, Plotly's "auto" placement ran a late short span's amount, "до 200 млн долл. США",
    out of the chart at 641-1000 px in Russian, and "5,5 млрд долл. США", which fits neither side
    at 864 px, by 2 px beside a scrollbar.)"""
    per_px = _years_per_px(years, margin_left)
    needed = np.fromiter((plain_text_px(a, AMOUNT_FONT_PX) + 2 * AMOUNT_PAD_PX for a in amounts), float, len(amounts))
    # As drawn: a span reaching past the chosen years is cut at the axis's ends.
    start, end = np.clip(start, years[0], years[1]), np.clip(end, years[0], years[1])
    on_span = (end + 1 - start) / per_px
    past_end = (years[1] - end) / per_px + PERIODS_MARGIN_RIGHT
    before_start = (start - years[0]) / per_px
    outside = (on_span < needed) & (past_end < needed)
    before = outside & (before_start >= needed)
    written = list(amounts)
    for i in np.flatnonzero(outside & ~before):
        lines = wrap_px(amounts[i], past_end[i] - 2 * AMOUNT_PAD_PX, AMOUNT_FONT_PX)
        if len(lines) > 2 and before_start[i] > past_end[i]:
            # Before the start it stops at the plot: further left it would cover the y labels.
            before[i] = True
            lines = wrap_px(amounts[i], before_start[i] - 2 * AMOUNT_PAD_PX, AMOUNT_FONT_PX)
        written[i] = "<br>".join(plotly_escaped(line) for line in lines)
    return before, written


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


def _spread_line(row: pd.Series) -> str:
    years = as_int(row["years_in_period"])
    return ngettext(
        "{recipient}: {per_year} a year of {amount} over {n} year",
        "{recipient}: {per_year} a year of {amount} over {n} years",
        years,
    ).format(
        recipient=plotly_escaped(str(row["recipient_name"])),
        per_year=plotly_escaped(format_usd(row["amount_per_year"], currency=row["currency"])),
        amount=plotly_escaped(format_usd(row["amount"], row["qualifier"], currency=row["currency"])),
        n=i18n.number(years),
    )


def per_year_figure(spread: pd.DataFrame, data: AidData) -> go.Figure:
    """Per-year amounts under the even-spread assumption: one trace per status and kind of flow,
    adding only figures whose recipients do not overlap; where they may, each figure is its own
    trace (side by side, never summed). Each year's slice lies inside the years chosen (annualise)."""
    traces = []
    assumption = plain(_(EVEN_SPREAD))
    for (_firmness, status, _kind), subset in spread.groupby(["firmness", "status", "kind"], observed=True, sort=True):
        label = f"{subset['status_label'].iloc[0]} · {subset['kind_label'].iloc[0]}"
        overlapping = data.scopes.overlapping(subset["recipient_code"].astype(str))
        parts = [(label, subset)] if not overlapping else [
            (f"{label} · {fid}", rows) for fid, rows in subset.groupby("flow_id", observed=True, sort=False)
        ]  # fmt: skip
        for name, rows in parts:
            per_year = rows.groupby("year")["amount_per_year"].sum()
            largest_first = rows.sort_values("amount_per_year", ascending=False, kind="stable")
            hovers = group_hovers(largest_first, ["year"], _spread_line, rows.groupby("year").size())
            traces.append(
                dict(
                    type="bar",
                    name=legend_entry(f"{name} ({_(EVEN_SPREAD)})"),
                    x=per_year.index,
                    y=per_year.to_numpy() / BILLION,
                    customdata=hovers.reindex(per_year.index).to_numpy(),
                    hovertemplate=f"<b>%{{x}}</b> ({assumption})<br>%{{customdata}}<extra>{plain(name)}</extra>",
                    marker=status_marker(str(status)),
                )
            )
    layout = dict(
        barmode="group",
        xaxis={"title": _("Year")},
        yaxis={
            # Over two lines: on one, a chart on a phone cut the Russian at its edge.
            "title": plotly_lines(
                _("{unit} bn a year (even spread assumed)").format(unit=currency_unit(_currency_of(spread))), 24
            ),
            "rangemode": "tozero",
        },
        legend={"title": _("Status and kind of flow (never added together)"), **LEGEND_ABOVE},
        margin={"t": 30},
        hoverlabel={"align": "left"},
        showlegend=True,  # status is always named, even when only one is shown
    )
    return readable_figure(traces, layout)
