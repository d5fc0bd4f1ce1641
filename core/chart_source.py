"""The source line every chart carries inside the figure, as a footer, so that a saved or pasted
chart still says where its figures come from: the sources behind its marks, the dashboard and a
short address, the host and page without the query string (as OWID's charts do), and in the PNG
the data version. The full permalink, which can run to several lines, is in Share, the citation
and the zip's README."""

from __future__ import annotations

import textwrap
from typing import NamedTuple
from urllib.parse import urlsplit

import plotly.graph_objects as go

from core.formatting import plotly_escaped
from core.i18n import _

SOURCE_FONT_SIZE = 11  # pixels; the colour is the figure's own text colour (layout.font)
LINE_HEIGHT = 15  # pixels per line of the source text at SOURCE_FONT_SIZE
CHARACTER_WIDTH = 6.4  # pixels per character at SOURCE_FONT_SIZE, about, for wrapping
FULL_WIDTH_CHARACTERS = 110  # where the chart's width is not known: a page-wide chart's line
PLOTLY_BOTTOM_MARGIN = 80  # pixels: Plotly's bottom margin where a figure sets none (its axis title's room)
AXIS_ROOM = 60  # pixels below the plot that the x axis's tick labels and title take, about


class ChartSource(NamedTuple):
    """What a chart's footer says: its source line (`source_text`) and its data version (`version_text`)."""

    line: str
    version: str


def short_address(link: str) -> str:
    """'https://dash.example.org/japan-ca/aid': a view's link without its query string. The scheme
    stays: it makes the words an address a reader (and a screen reader) takes for one."""
    parts = urlsplit(link)
    return f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.netloc else parts.path


def source_text(citation: str, link: str | None) -> str:
    """'Source: Usubaliev (2020); MOFA Japan (2004–2025) · Japan and Central Asia dashboard ·
    https://host/aid': the sources behind the marks (at most three named, `short_citation`), the
    dashboard, and the view's `link` shortened to its host and page (`short_address`)."""
    if citation:
        text = _("Source: {sources} · Japan and Central Asia dashboard").format(sources=citation)
    else:  # a panel where every cell is 'not stated' rests on no source's words
        text = _("No source states a figure here · Japan and Central Asia dashboard")
    return f"{text} · {short_address(link)}" if link else text


def version_text(version: str) -> str:
    """The data version, which the chart's PNG carries beside its source line (not on screen)."""
    return _("data version {version}").format(version=version)


def with_source_line(figure: go.Figure, text: str, version: str = "", width_px: int | None = None) -> go.Figure:
    """A copy of `figure` (the original may be shared between sessions) with `text` as a footer: a
    band below everything the figure draws, the bottom margin grown to hold it, wrapped to the
    chart's width with room on the right for `version` (`version_text`). The version is the second
    annotation, which the page's style hides on screen (components.charts.CHART_STYLE): the PNG a
    reader saves carries it, the screen shows the one short line."""
    characters = FULL_WIDTH_CHARACTERS if width_px is None else max(int(width_px / CHARACTER_WIDTH), 30)
    lines = _wrap(text, characters)
    # The version goes on the last line, right-aligned, where it fits; else on a line of its own
    # (blank on screen).
    if version and len(lines[-1]) + len(version) + 4 > characters:
        lines.append("")
    lines = [plotly_escaped(line) for line in lines]  # Plotly reads some HTML
    # NOTE: not go.Figure(figure), which validates every property again (~35 ms for a bar chart
    # here, per chart and rerun); the figure was validated when it was built.
    copy = go.Figure(figure.to_dict(), _validate=False)
    # The footer hangs below the x axis's ticks and title: at least AXIS_ROOM below the plot, or the
    # figure's own bottom margin where it is wider. Paper coordinates are the plot's, so the legend
    # must not be below the plot (core.style.LEGEND_ABOVE).
    declared = copy.layout.margin.b if copy.layout.margin.b is not None else PLOTLY_BOTTOM_MARGIN
    bottom = max(declared, AXIS_ROOM)
    band = LINE_HEIGHT * len(lines) + 6
    copy.update_layout(margin={"b": bottom + band})
    # First among the annotations, so the page's style can find them (data-index 0 and 1): the
    # version always hidden on screen, the line on a narrow screen, where no wrapping fits it.
    copy.layout.annotations = ()
    footer = {"xref": "paper", "yref": "paper", "y": 0, "showarrow": False, "font": {"size": SOURCE_FONT_SIZE}}
    copy.add_annotation(text="<br>".join(lines), x=0, xanchor="left", align="left", yanchor="top", yshift=-bottom,
                        **footer)  # fmt: skip
    if version:  # on the last line, its baseline the line's
        last = -bottom - LINE_HEIGHT * len(lines)
        copy.add_annotation(text=plotly_escaped(version), x=1, xanchor="right", align="right", yanchor="bottom",
                            yshift=last, **footer)  # fmt: skip
    for annotation in figure.layout.annotations:
        copy.add_annotation(annotation)
    if copy.layout.height is not None:
        copy.update_layout(height=copy.layout.height + band)
    return copy


def _wrap(text: str, characters: int) -> list[str]:
    # A link longer than a line is broken before one of its '&'s where it can, not mid-word.
    marked = text.replace("&", "\0&")
    lines = textwrap.wrap(marked.replace("\0", " "), characters, break_long_words=True, break_on_hyphens=False)
    return [line.replace(" &", "&") for line in lines]
