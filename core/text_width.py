"""How wide a chart's labels will be drawn, known before the browser draws them.

Why: Streamlit's chart theme leaves a figure no left margin and turns on the axes' automargin, so
Plotly draws each chart twice: once to measure its y labels, again with the margin they need. That
second pass was 40-50% of drawing a chart with category labels (the aid bars, the timeline's lanes,
each comparison panel). A figure that already has room for its labels is drawn once; automargin
stays on as a safety net, so a label this estimate under-measures is still never cut.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Iterable

TICK_FONT_PX = 12  # the tick labels' size, set on every figure (core.style.readable_figure)
SCRIPT_SCALE = 0.7  # Plotly draws <sup> and <sub> text at 70% of the size around it
# Measured in Chromium against Plotly's layout (tests/test_browser_screens.py checks it): the room
# beside the widest label for its tick and padding, and what a one-line axis title adds.
TICK_ROOM_PX = 19
TITLE_ROOM_PX = 36
TITLE_LINE_PX = 18  # each further line of a wrapped axis title
SLACK_PX = 4  # rounding between this estimate and the browser's

# The narrowest page-wide chart that draws words beside its marks (a timeline's labels, the aid
# periods' amounts): a window of 864 px with the sidebar open at its default width, where
# Streamlit widens the page's padding (404 px measured in Chromium; 769-863 px windows give
# 437-531 px, 641-768 px, with the sidebar closed, 609-736 px). Under 640 px
# (components.narrow.NARROW) the words are hidden. A reader who drags the sidebar wider does not
# narrow the main column below this (components.narrow.SIDEBAR_STYLE).
NARROWEST_MAIN_COLUMN_PX = 404
# A scrollbar takes its width from the main column, which is what scrolls: Streamlit asks for thin
# ones (10 px in Chromium), but a browser may draw its own, up to Windows' 17 px (macOS and phones
# overlay theirs).
SCROLLBAR_PX = 17
# Words placed for this width stay inside the chart and apart at every width that shows them.
# A chart of fixed width (a comparison panel) is drawn this narrow there too.
NARROWEST_WORDS_CHART_PX = NARROWEST_MAIN_COLUMN_PX - SCROLLBAR_PX - 2  # 2 px: rounding


def narrowest_plot_px(margin_left: float, margin_right: float) -> float:
    """The plot's width in the narrowest chart that draws words (NARROWEST_WORDS_CHART_PX) with
    these margins; at least a pixel, where the margins take it all."""
    return max(1.0, NARROWEST_WORDS_CHART_PX - margin_left - margin_right)


# Every chart's text is drawn in Arial's widths, the font a chart's PNG gets too. Why not Streamlit's
# Source Sans: Plotly draws the PNG from the chart's SVG as an image, and an image cannot use the
# page's web fonts, so its text fell back to the reader's sans-serif (Arial's widths in Chromium on
# Windows, macOS and Linux), about a tenth wider than Source Sans: amounts ran into their bars and
# a legend's last entry past the PNG's edge. Liberation Sans and Arimo are Arial's widths under
# free licences (Debian's fonts-liberation), Helvetica the design Arial's widths copy.
CHART_FONT_FAMILY = 'Arial, "Liberation Sans", Arimo, Helvetica, sans-serif'

# Advance widths of CHART_FONT_FAMILY in thousandths of the font size, measured in Chromium (canvas
# measureText at 100 px), character by character (tests/test_browser_screens.py measures them again).
_MEASURED = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
    "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяЁё·–—…≈≤≥’“”«»№€¥₸"
    "\u00a0\u202f"  # the no-break spaces of Russian numbers ("500 000") and units
)
_ADVANCES = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
    722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
    278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 667, 656, 667, 542, 677,
    667, 923, 604, 719, 719, 583, 656, 833, 722, 778, 719, 667, 722, 611, 635, 760, 667, 740, 667, 917,
    938, 792, 885, 656, 719, 1010, 722, 556, 573, 531, 365, 583, 556, 669, 458, 559, 559, 438, 583, 688,
    552, 556, 542, 556, 500, 458, 500, 823, 500, 573, 521, 802, 823, 625, 719, 521, 510, 750, 542, 667,
    556, 278, 556, 1000, 1000, 549, 549, 549, 222, 333, 333, 556, 556, 1073, 556, 556, 636, 278, 139,
)  # fmt: skip
_WIDTHS = dict(zip(_MEASURED, _ADVANCES, strict=True))
_WIDE = 1000  # a CJK character (drawn by a fallback font): a full em
_OTHER = 600  # any other character not measured: a little wider than the average letter

_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SCRIPT = re.compile(r"<(sup|sub)>(.*?)</\1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def _advance(character: str) -> int:
    if character in _WIDTHS:
        return _WIDTHS[character]
    return _WIDE if unicodedata.east_asian_width(character) in ("W", "F") else _OTHER


def _plain_px(text: str, size: float) -> float:
    plain = html.unescape(_TAG.sub("", text))
    return sum(_advance(c) for c in plain) * size / 1000


def plain_text_px(text: str, size: float = TICK_FONT_PX) -> float:
    """The width in pixels of data text drawn as written (escaped for Plotly: no tag, no entity)."""
    return sum(_advance(c) for c in text) * size / 1000


# Any run of white space but a no-break one: "500 000" and "5,5 млрд" with a no-break space stay whole.
_BREAKABLE_SPACE = re.compile(r"[^\S\u00a0\u202f]+")


def wrap_px(text: str, width_px: float, size: float) -> list[str]:
    """Data text in lines each at most `width_px` wide as drawn at `size` (`plain_text_px`), broken
    between words (never at a no-break space); a word wider than a line (a long address) is broken
    inside it."""
    lines: list[str] = []
    for word in _BREAKABLE_SPACE.split(text.strip()):
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and plain_text_px(joined, size) <= width_px:
            lines[-1] = joined
            continue
        while plain_text_px(word, size) > width_px and len(word) > 1:
            cut = _longest_fitting(word, width_px, size)
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines or [""]


def _longest_fitting(word: str, width_px: float, size: float) -> int:
    """How many of `word`'s first characters fit in `width_px` (at least one)."""
    fitting = 1
    while fitting < len(word) and plain_text_px(word[: fitting + 1], size) <= width_px:
        fitting += 1
    return fitting


def text_px(label: str, size: float = TICK_FONT_PX) -> float:
    """The width in pixels of a Plotly label as drawn: its widest line (<br>), with <sup>/<sub>
    parts at their smaller size, other tags dropped and entities read."""
    widest = 0.0
    for line in _LINE_BREAK.split(label):
        scripts = sum(_plain_px(part, size * SCRIPT_SCALE) for _tag, part in _SCRIPT.findall(line))
        widest = max(widest, _plain_px(_SCRIPT.sub("", line), size) + scripts)
    return widest


def left_margin(labels: Iterable[object], title: str | None) -> int:
    """The left margin, in pixels, that holds a y axis's labels and its title (None: no title)."""
    room = max((text_px(str(label)) for label in labels), default=0.0) + TICK_ROOM_PX + SLACK_PX
    if title:
        room += TITLE_ROOM_PX + TITLE_LINE_PX * len(_LINE_BREAK.findall(title))
    return math.ceil(room)
