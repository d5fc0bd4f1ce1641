"""The aid charts' rows: each bar or span on a row of its own, labelled left of the plot over
lines (a recipient's name over its detail), and charts tall enough that those labels and a phone's
one-column legend never run into each other. Shared by the bars (`core.aid.figures`) and the
periods chart (`core.aid.spans`)."""

from __future__ import annotations

from core.aid.hover import plain
from core.text_width import SCRIPT_SCALE, TICK_FONT_PX, wrap_px

# The widest line of a y label's name and of its smaller detail, in pixels. The labels' width is
# the figure's left margin, which a phone's chart (358 px) and the narrowest chart beside the
# sidebar (385 px) take from the plot: at 28 and 64 characters the aid bars' plot was 23-41 px on a
# phone, too narrow for its axis's numbers to stand apart; in pixels, a Russian name (wider than
# an English one of as many characters) is wrapped as narrow as an English one.
NAME_LINE_PX = 135
DETAIL_LINE_PX = 120
AMOUNT_FONT_PX = 12  # an amount written on or beside its bar
AMOUNT_PAD_PX = 3  # Plotly's pad between a bar's end and its text (TEXTPAD in its bar code)
LABEL_LINE_PX = 16  # the height of a y label's line as Plotly draws it (12 px type, 1.3 line spacing)


def row_px(labels: list[str], least: int) -> int:
    """Pixels per bar: `least`, or more where the longest label's lines need it, so that labels
    over several lines (a phone's narrow margin) never run into their neighbours."""
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    return max(least, LABEL_LINE_PX * lines + 12)


def narrow_legend_px(traces: list[dict]) -> int:
    """What the legend above the plot takes on a phone, beyond the two rows a wide chart's legend
    takes: there its entries stand one under another, and the figure's height must hold them as
    well as the bars, or the bars' labels run into each other."""
    names = [trace["name"] for trace in traces if trace.get("showlegend", True)]
    one_column = sum(LABEL_LINE_PX * (name.count("<br>") + 1) + 4 for name in names) + 24  # + the title
    return max(0, one_column - 2 * 2 * LABEL_LINE_PX)


def name_lines(name: str) -> str:
    """A y label's `name` over lines at most NAME_LINE_PX wide, escaped for Plotly."""
    return "<br>".join(plain(line) for line in wrap_px(name, NAME_LINE_PX, TICK_FONT_PX))


def detail_lines(detail: str) -> str:
    """A y label's smaller `detail`, each line under the one before, at most DETAIL_LINE_PX wide."""
    lines = wrap_px(detail, DETAIL_LINE_PX, TICK_FONT_PX * SCRIPT_SCALE) if detail else []
    return "".join(f"<br><sup>{plain(line)}</sup>" for line in lines)
