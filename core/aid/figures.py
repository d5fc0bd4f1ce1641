"""Plotly figures of Japan's money: the bars (totals and lone figures) and the per-year chart; the
periods chart is `core.aid.spans`. Built from already-filtered frames; never call streamlit here.

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
from core.aid.rows import (
    AMOUNT_FONT_PX,
    AMOUNT_PAD_PX,
    LABEL_LINE_PX,
    detail_lines,
    name_lines,
    narrow_legend_px,
    row_px,
)
from core.formatting import BILLION, currency_unit, first_and_more, format_usd, plotly_escaped, plotly_lines
from core.i18n import N_, _, ngettext
from core.scalars import as_int
from core.style import LEGEND_ABOVE, readable_figure, status_marker
from core.sums import NO_FIGURE, RULE_EXTRAS, Sum, add_up_each, apart_problems
from core.text_width import SLACK_PX, left_margin, narrowest_plot_px, plain_text_px, wrap_px

_GROUP_COLUMN = {"recipient": "recipient_name", "kind": "kind_label", "status": "status_label"}

EVEN_SPREAD = N_("assumes an even spread over each period")  # shown through _()
PER_YEAR_LEGEND_TITLE = N_("Status and kind of flow (never added together), each figure spread evenly over its period")
PER_YEAR_HEIGHT = 450  # Plotly's default height, the chart's before its legend had room of its own on a phone
# A legend title's line, in pixels: Plotly never wraps one, and on a phone (390 px) the per-year
# chart's plot is 262 px wide, which a legend above it may not pass by much (its right margin).
LEGEND_TITLE_LINE_PX = 250
LEGEND_FONT_PX = 12  # the legend's type, as Plotly draws it under Streamlit's theme


BARS_MARGIN_RIGHT = 80  # pixels right of the plot, where the longest bars' amounts end


def _currency_of(flows: pd.DataFrame) -> str:
    """The one currency of a page's figures (the page shows one at a time); USD when there are none."""
    return str(flows["currency"].iloc[0]) if len(flows) and "currency" in flows.columns else "USD"


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
    y_title = _(GROUPINGS[by])
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
        yaxis={"title": y_title, "categoryorder": "array", "categoryarray": labels[::-1], "automargin": True},
        xaxis={
            "title": plotly_lines(  # over two lines where long: a phone's chart cut it
                (_("{unit} billions, as stated (log scale)") if log_scale else _("{unit} billions, as stated")).format(
                    unit=currency_unit(currency)
                ),
                30,
            ),
            "type": "log" if log_scale else "linear",
            "rangemode": "tozero",
            # Room past each bar for its amount, written beside it. (A log axis's own range leaves the room.)
            **({} if log_scale else {"range": [0, _amount_axis_end(bars, labels, y_title)]}),
        },
        legend={"title": _("Status (never added together)"), **LEGEND_ABOVE},
        height=max(320, row_px(labels, 56) * len(bars) + 160 + narrow_legend_px(traces)),
        margin={"t": 30, "r": BARS_MARGIN_RIGHT},
        hoverlabel={"align": "left"},
        showlegend=True,  # status is always named, even when only one is shown
    )
    return readable_figure(traces, layout)


def _amount_axis_end(bars: list[Bar], labels: list[str], y_title: str) -> float:
    """Where the linear amount axis ends (billions): past the longest bar, and far enough that every
    bar's amount, written past its end, ends inside the chart at its narrowest
    (NARROWEST_WORDS_CHART_PX; a proportion of the longest bar left too little room there for a
    long Russian amount). A bar whose amount needs the axis to end at E: amount / E * plot + pad +
    text <= plot + right margin. On a wide screen this leaves more of the plot empty past the
    longest bar than the amount needs there: the figure is drawn the same at every width."""
    plot = narrowest_plot_px(left_margin(labels, y_title), BARS_MARGIN_RIGHT)  # as readable_figure gives it
    ends = []
    for b in bars:
        room = plot + BARS_MARGIN_RIGHT - AMOUNT_PAD_PX - SLACK_PX - plain_text_px(b.text, AMOUNT_FONT_PX)
        # The bar's own end, and where its amount fits (a quarter of the plot at least: a finite end).
        ends += [b.amount / BILLION, b.amount / BILLION * plot / max(room, plot / 4)]
    return max(ends, default=0) or 1


def _category_label(name: str, detail: str) -> str:
    """A y label: `name` over lines (`name_lines`), `detail` in smaller type below it. Data text is
    escaped (Plotly renders tags in ticks)."""
    return name_lines(name) + detail_lines(detail)


def _bar_label(result: Sum) -> str:
    return result.words(short=True)


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
                    name=legend_entry(name),  # the assumption is the legend's title, said once
                    x=per_year.index,
                    y=per_year.to_numpy() / BILLION,
                    customdata=hovers.reindex(per_year.index).to_numpy(),
                    hovertemplate=f"<b>%{{x}}</b> ({assumption})<br>%{{customdata}}<extra>{plain(name)}</extra>",
                    marker=status_marker(str(status)),
                )
            )
    title_lines = wrap_px(_(PER_YEAR_LEGEND_TITLE), LEGEND_TITLE_LINE_PX, LEGEND_FONT_PX)
    legend_title = "<br>".join(plain(line) for line in title_lines)
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
        legend={"title": {"text": legend_title}, **LEGEND_ABOVE},
        # On a phone the legend's entries stand one under another above the plot: the figure grows
        # by them, or Plotly shrank the plot to a strip and cut the legend to half the figure's height.
        height=PER_YEAR_HEIGHT + narrow_legend_px(traces) + LABEL_LINE_PX * (len(title_lines) - 1),
        margin={"t": 30},
        hoverlabel={"align": "left"},
        showlegend=True,  # status is always named, even when only one is shown
    )
    return readable_figure(traces, layout)
