"""A chart's text alternative (WCAG 2.1 1.1.1): what it shows in a sentence or two, read from the
figure itself, so the words cannot drift from the marks. The page writes it just before the chart,
where a screen reader meets it first; the table below the chart holds every value."""

from __future__ import annotations

import html
import re

import plotly.graph_objects as go

from core import i18n
from core.formatting import TABLE_LISTS_THEM, escape_markdown, first_and_more
from core.i18n import _, ngettext

LISTED = 6  # marks named one by one; the rest are counted ("and 4 more")
_TAG = re.compile(r"<[^>]+>")


def plain(text: object) -> str:
    """A Plotly label as words: tags dropped (a line break becomes a space), entities decoded."""
    words = _TAG.sub(" ", str(text).replace("<br>", " "))
    return " ".join(html.unescape(words).split())


def _value(value: float) -> str:
    return i18n.number(value, 0 if float(value).is_integer() else 1)


def _horizontal_items(figure: go.Figure) -> list[str]:
    """One item per bar or mark of a horizontal chart, top row first: its label, its value's words
    (the bar's own text), its period where the bar spans years, and its trace (status) name."""
    array = figure.layout.yaxis.categoryarray
    order = [] if array is None else [str(label) for label in array][::-1]
    # Several series of bars (statuses): each bar says its own; one series is named by the chart.
    named = len([t for t in figure.data if t.type == "bar" and t.y is not None and len(t.y)]) > 1
    items: list[tuple[int, str]] = []
    for trace in figure.data:
        if trace.type == "scatter" and trace.mode == "text":
            continue  # a bar's amount written beside it: the bar's own text says it
        texts = list(trace.text) if trace.text is not None and not isinstance(trace.text, str) else []
        for index, label in enumerate(() if trace.y is None else list(trace.y)):
            words = [plain(label)]
            if index < len(texts) and texts[index]:
                words.append(plain(texts[index]))
            if trace.type == "bar" and trace.base is not None:
                start = int(trace.base[index])
                words.append(i18n.years(start, start + int(trace.x[index]) - 1))
            if named and trace.type == "bar" and trace.name:
                words.append(f"({plain(trace.name)})")
            position = order.index(str(label)) if str(label) in order else len(order)
            items.append((position, " ".join(words)))
    return [words for _position, words in sorted(items, key=lambda item: item[0])]


def _vertical_items(figure: go.Figure) -> list[str]:
    """One item per series of a chart over years: its span and its highest value."""
    items = []
    for trace in figure.data:
        points = [(x, y) for x, y in zip(trace.x, trace.y, strict=True) if y]
        if not points:
            continue
        peak_x, peak_y = max(points, key=lambda point: point[1])
        items.append(
            _("{series}: {years}, highest {value} in {year}").format(
                series=plain(trace.name),
                years=i18n.years(int(min(x for x, _y in points)), int(max(x for x, _y in points))),
                value=_value(peak_y),
                year=int(peak_x),
            )
        )
    return items


def _title(hover: str) -> str:
    """An event's full title, the bold first line of its hover (the point's label may be shortened)."""
    bold = re.match(r"<b>(.*?)</b>", hover)
    return plain(bold.group(1) if bold else hover)


def _event_items(figure: go.Figure) -> list[str]:
    """One item per category of the timeline: how many events, over which years, and their labels."""
    items = []
    for trace in figure.data:
        if trace.mode != "markers+text":
            continue  # a span's line: its event is the point beside it
        xs = [int(x) for x in trace.x]
        items.append(
            ngettext("{category}: {n} event, {years}: {events}", "{category}: {n} events, {years}: {events}",
                     len(xs)).format(
                category=plain(trace.name), n=i18n.number(len(xs)), years=i18n.years(min(xs), max(xs)),
                events="; ".join(_title(hover) for hover in trace.hovertext),
            )
        )  # fmt: skip
    return items


def describe(figure: go.Figure, what: str, limit: int = LISTED) -> str:
    """`what` the chart shows (a sentence, in the run's language), then its marks one by one, the
    first `limit` named and the rest counted; Markdown-safe, for st.markdown."""
    traces = list(figure.data)
    if any(t.type == "scatter" and t.mode == "markers+text" and t.customdata is not None for t in traces) and all(
        t.type == "scatter" for t in traces
    ):
        items = _event_items(figure)
    elif traces and all(getattr(t, "orientation", None) != "h" and t.type == "bar" for t in traces):
        items = _vertical_items(figure)
    else:
        items = _horizontal_items(figure)
    listed = first_and_more(items, limit, more=TABLE_LISTS_THEM)
    sentence = _("{what}: {items}.").format(what=what, items=listed) if listed else what
    # A list that ends in an abbreviation ("в 1993 г.") already ends the sentence.
    return escape_markdown(sentence[:-1] if sentence.endswith("..") and not sentence.endswith("...") else sentence)
