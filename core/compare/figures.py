"""The comparison as small multiples: one panel per metric, the countries side by side in each.

Each panel is its own figure of one width, so the page can wrap them onto as many rows as the
screen needs (two abreast on a wide screen, one on a narrow one). Built from `cells.comparison`.
A bar is a single figure or a total under the one rule for sums (core.sums). A country whose
figures cannot be added gets a "no total" mark at zero (its hover lists the figures and says why),
and one the source states nothing about a grey "not stated" mark at zero, never a bar; a count of 0
is a real zero and is drawn as one. Money panels carry their status in the title, colour and pattern.
"""

from __future__ import annotations

import plotly.graph_objects as go

from core import i18n
from core.compare.cells import NO_TOTAL, Cell, FactNote, NoTotal, NotStated, Stated
from core.compare.cells.cell import cell_sources
from core.compare.params import Metric
from core.compare.table import order_cells
from core.formatting import (
    BILLION,
    currency_unit,
    first_and_more,
    format_count,
    format_usd,
    not_stated,
    plotly_escaped,
    plotly_lines,
    qualifier_word,
)
from core.i18n import N_, _, ngettext
from core.style import readable_figure, status_marker, status_style
from core.sums import AMOUNT_DIFFERS, HOLDS_OTHERS, NO_END, NO_PERIOD, OUTSIDE

COUNT_COLOUR = "#3b5b92"

NOT_STATED_COLOUR = "#767676"  # grey, 4.5:1 on white

NO_TOTAL_COLOUR = "#4d4d4d"  # the "no total" words: darker than "not stated", 8.5:1 on white

PANEL_WIDTH = 440  # pixels: two panels abreast in a 1400 px window, one per row at 800 px

PANEL_BASE_HEIGHT = 130

PANEL_ROW_HEIGHT = 34

MAX_HOVER_LINES = 12

TITLE_LINE_HEIGHT = 20  # pixels per line of a panel's title (15 px type)
LABEL_CHAR_SHARE = 0.026  # a bar label's character, as a share of a panel's plot width (about 250 px: a phone's)


def _money_axis(metric: Metric) -> str:
    """'US$ bn', '¥ bn': the unit of a money panel, in its currency."""
    return _("{unit} bn").format(unit=currency_unit(metric.currency))


def panel_title(metric: Metric) -> str:
    unit = f" ({_money_axis(metric)})" if metric.unit == "usd" else ""
    return plotly_lines(metric.label + unit, 44)


def cell_hover(cell: Cell, metric: Metric) -> str:
    """Value, qualifier, status and the facts behind it with their quotes (for counts, the events);
    for "no total", the figures side by side and why; for "not stated", whose gap and the related facts."""
    head = f"<b>{plotly_escaped(cell.country)}</b> · {plotly_escaped(metric.label)}<br>"
    state = cell.state
    if isinstance(state, NoTotal):
        words = ngettext(
            "<b>no total</b> of {n} figure: {reason}", "<b>no total</b> of {n} figures: {reason}", cell.figures
        )
        lines = [head + words.format(n=i18n.number(cell.figures), reason=plotly_lines(state.reason))]
        return "<br>".join(lines + _sources_line(cell) + _note_lines(cell.notes, cell.omitted))
    if isinstance(state, NotStated):
        lines = [head + _("<b>not stated</b>: {gap}").format(gap=plotly_lines(state.gap))]
        if state.related:
            lines.append(plotly_escaped(_("What the sources do state:")))
            lines += _note_lines(state.related, state.related_omitted)
        return "<br>".join(lines)
    word = "" if state.qualifier is None else plotly_escaped(qualifier_word(state.qualifier))
    qualifier = "" if state.qualifier is None else " " + _("(the source says “{word}”)").format(word=word)
    if state.adds:
        if state.qualifier:
            total = _("the total of {figures} (“{word}”: it adds vague figures)").format(
                figures=plotly_lines(state.adds), word=word
            )
        else:
            total = _("the total of {figures}").format(figures=plotly_lines(state.adds))
        qualifier = f"<br>{total}"
    elif state.caveat:
        caveat = _("one figure, not a total: {reason}").format(reason=plotly_escaped(_(state.caveat)))
        qualifier += f"<br>{caveat}"
    lines = [head + f"<b>{plotly_escaped(_value_words(cell, state, metric))}</b>{qualifier}"]
    return "<br>".join(lines + _sources_line(cell) + _note_lines(cell.notes, cell.omitted))


def _sources_line(cell: Cell) -> list[str]:
    """'Backed by 3 sources: a, b, c' (of the facts listed, where the hover lists only some)."""
    sources = cell_sources(cell.notes)
    if not sources:
        return []
    words = (ngettext("Backed by {n} source: {ids}", "Backed by {n} sources: {ids}", len(sources)) if not cell.omitted
             else ngettext("The facts listed are backed by {n} source: {ids}",
                           "The facts listed are backed by {n} sources: {ids}", len(sources)))  # fmt: skip
    return [plotly_lines(words.format(n=i18n.number(len(sources)), ids=", ".join(sources)))]


def _value_words(cell: Cell, state: Stated, metric: Metric) -> str:
    if metric.unit == "usd":
        return format_usd(state.value, state.qualifier, currency=metric.currency)
    return cell.text


def _note_lines(notes: tuple[FactNote, ...], omitted: int) -> list[str]:
    """One line per fact (its id first), with its quote where the cell rests on its words; the
    first MAX_HOVER_LINES, then a line saying how many more."""
    lines = []
    for note in notes[:MAX_HOVER_LINES]:
        line = f"{plotly_escaped(note.id)} · {plotly_lines(note.line)}"
        if note.quote is not None:
            line += (
                f"<br><i>“{plotly_lines(note.quote)}”</i> "
                f"({plotly_escaped(note.source_id)}, {plotly_escaped(note.locator)})"
            )
        lines.append(line)
    listed = first_and_more(lines, MAX_HOVER_LINES, total=len(notes) + omitted, separator="<br>", more=_see_the_table)
    return [listed] if listed else []


def _see_the_table(_count: int) -> str:
    """The line after a hover's facts: 'and 3 more (see the table)'."""
    return "{items}<br>" + plotly_escaped(_("and {n} more (see the table)"))


# Short words for a single figure's caveat, beside its bar; shown through _().
CAVEAT_MARKS = {NO_PERIOD: N_("no period stated"), NO_END: N_("no end stated"), OUTSIDE: N_("partly outside the years"),
                HOLDS_OTHERS: N_("an aggregate"), AMOUNT_DIFFERS: N_("sources differ")}  # fmt: skip


def _mark_at_zero(name: str, cells: list[Cell], metric: Metric, text: list[str], font: dict, marker: dict) -> dict:
    """Countries drawn as a labelled mark at zero instead of a bar (not stated; no total)."""
    return dict(
        type="scatter",
        name=name,
        mode="markers+text",
        x=[0] * len(cells),
        y=[plotly_escaped(c.country) for c in cells],
        text=text,
        textposition="middle right",
        textfont=font,
        marker=marker,
        customdata=[cell_hover(c, metric) for c in cells],
        hovertemplate="%{customdata}<extra></extra>",
        cliponaxis=False,
    )


def _longest_line(text: str) -> int:
    return max(len(line) for line in str(text).split("<br>"))


def _bar_text(state: Stated, metric: Metric) -> str:
    if metric.unit == "usd":
        words = format_usd(state.value, state.qualifier, short=True, currency=metric.currency)
        # The caveat on a line of its own: beside the amount, a phone's narrow panel cut it off. The
        # dot keeps the two apart where the label is read as one line (the chart's summary).
        return words + (f" ·<br>{_(CAVEAT_MARKS.get(state.caveat, state.caveat))}" if state.caveat else "")
    return format_count(state.value, state.qualifier, short=True)


def _marker(metric: Metric) -> dict:
    return {"color": COUNT_COLOUR} if metric.status is None else status_marker(metric.status)


def metric_figure(cells: list[Cell], metric: Metric, sort: str) -> go.Figure:
    """One panel of the small multiples, three traces: the values as bars (a single figure or a
    total), the countries with nothing stated as grey text at zero, and those whose figures have no
    total as a mark of their own at zero. The panel is sorted on its own (`sort`)."""
    panel = [c for c in cells if c.metric == metric.id]
    by_name = {c.country: c for c in panel}
    ordered = [by_name[name] for name in order_cells(panel, sort)]
    stated = [(c, c.state) for c in ordered if isinstance(c.state, Stated)]  # the bars: cells and their values
    values = [float(state.value) for _cell, state in stated]
    silent = [c for c in ordered if isinstance(c.state, NotStated)]
    apart = [c for c in ordered if isinstance(c.state, NoTotal)]
    scale = BILLION if metric.unit == "usd" else 1
    bar_texts = [_bar_text(state, metric) for _cell, state in stated]
    traces = []
    traces.append(
        dict(
            type="bar",
            name=metric.label,
            orientation="h",
            y=[plotly_escaped(c.country) for c, _state in stated],
            x=[value / scale for value in values],
            text=bar_texts,
            textposition="outside",
            constraintext="none",  # Plotly shrank a two-line label to the bar's thickness, unreadably
            cliponaxis=False,
            customdata=[cell_hover(c, metric) for c, _state in stated],
            hovertemplate="%{customdata}<extra></extra>",
            marker=_marker(metric),
        )
    )
    # Neither is a bar: a mark at zero that is also a hover target.
    no_total = _(NO_TOTAL)
    traces.append(_mark_at_zero(
        f"{metric.label}: {not_stated()}", silent, metric, [not_stated()] * len(silent),
        {"color": NOT_STATED_COLOUR, "style": "italic"},
        {"symbol": "circle-open", "size": 7, "color": NOT_STATED_COLOUR},
    ))  # fmt: skip
    traces.append(_mark_at_zero(
        f"{metric.label}: {no_total}", apart, metric,
        [ngettext("no total · {n} figure", "no total · {n} figures", c.figures).format(n=i18n.number(c.figures))
         for c in apart],
        {"color": NO_TOTAL_COLOUR},
        # The figures cannot be added: in the status's colour, a shape of its own.
        {"symbol": "diamond-wide-open", "size": 10, "line": {"width": 2},
         "color": status_style(metric.status).colour if metric.status else COUNT_COLOUR},
    ))  # fmt: skip
    top = max((value / scale for value in values), default=0.0)
    whole = metric.unit == "count" and top <= 4  # counts are whole: no 0.5 tick on a short axis
    # Room beside each bar for its label: a label of n characters takes about n * LABEL_CHAR_SHARE of
    # the plot's width, so the axis reaches past each bar by that much (at least 45%, at most 5x).
    reach = max(
        (v / scale / max(1 - _longest_line(t) * LABEL_CHAR_SHARE, 0.2) for v, t in zip(values, bar_texts, strict=True)),
        default=0.0,
    )
    layout = dict(
        # Hung from the figure's top: placed in the middle of the top margin, a three-line title
        # reached down over the first bar.
        title={
            "text": (title := panel_title(metric)),
            "font": {"size": 15},
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 12},
        },
        xaxis={
            "range": [0, max(reach, top * 1.45) or 1],
            "title": _money_axis(metric) if metric.unit == "usd" else _("count"),
            "showticklabels": bool(len(stated)),  # no scale where nothing is stated
            "dtick": 1 if whole else None,
        },
        yaxis={
            "categoryorder": "array",
            "categoryarray": [plotly_escaped(c.country) for c in reversed(ordered)],  # the first at the top
            "automargin": True,
        },
        height=PANEL_BASE_HEIGHT + PANEL_ROW_HEIGHT * len(ordered),
        # Room for every line of the title: a long one (Russian) runs to three, and at 70 px its last
        # line lay over the first country's bar.
        margin={"t": max(70, 30 + TITLE_LINE_HEIGHT * (title.count("<br>") + 1)), "r": 20, "l": 10, "b": 40},
        hoverlabel={"align": "left"},
        showlegend=False,
        bargap=0.35,
    )
    return readable_figure(traces, layout)


def comparison_figures(cells: list[Cell], metrics: list[Metric], sort: str) -> list[tuple[Metric, go.Figure]]:
    """The small multiples: one figure per charted metric, in the metrics' order (text metrics aside)."""
    return [(metric, metric_figure(cells, metric, sort)) for metric in metrics if metric.charted]
