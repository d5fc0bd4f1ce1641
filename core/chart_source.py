"""The source line every chart carries inside the figure, as a footer, so that a saved or pasted
chart still says where its figures come from: the sources behind its marks, the dashboard and a
short address, the host and page without the query string (as OWID's charts do), and in the PNG
the data version. The full permalink, which can run to several lines, is in Share, the citation
and the zip's README."""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit

import plotly.graph_objects as go

from core.formatting import plotly_escaped
from core.i18n import _
from core.text_width import NARROWEST_WORDS_CHART_PX, plain_text_px, wrap_px

# Pixels; the colour is the figure's own text colour (layout.font). Arial (core.text_width) at 10 px
# is as tall in its small letters as Source Sans at 11 px, and as wide: the line reads the same size.
SOURCE_FONT_SIZE = 10
ANNOTATION_PAD = 1  # pixels: Plotly's borderpad between an annotation's box and its text
LINE_HEIGHT = 13  # pixels per line of the source text: Plotly's line spacing, 1.3 x SOURCE_FONT_SIZE
# A page-wide chart's width is the browser's to know, not the server's: its footer is wrapped to
# FOOTER_WIDTH (the bundled views' footers take two lines at most, wherever shown). Where such a
# chart is drawn narrower (a window of 640-980 px with the sidebar open), the page's style hides
# the line (components.charts.CHART_STYLE) rather than let it be cut; its PNG is always
# EXPORT_WIDTH wide.
FOOTER_WIDTH = 520  # pixels
EXPORT_WIDTH = 1000  # pixels (before Plotly's scale): a page-wide chart's PNG, wide enough for its footer
FOOTER_PAD = 10  # pixels the annotation's padding and the browser's rounding take from a line
PLOTLY_BOTTOM_MARGIN = 80  # pixels: Plotly's bottom margin where a figure sets none (its axis title's room)
AXIS_ROOM = 60  # pixels below the plot that the x axis's tick labels and a one-line title take
# The x axis title's last line ends this far below the plot: 51 px for one line, 18-19 px more for
# each further line (measured in Chromium). Wrapped over three lines, as the Russian periods
# chart's is, it reached into a footer hung AXIS_ROOM or 80 px below the plot.
X_TITLE_BOTTOM = 52
X_TITLE_LINE = 19
FOOTER_GAP = 6  # pixels between the title's last line and the footer, as below a one-line title
LEAST_ROOM = 150  # pixels: a line is never wrapped narrower, whatever width a caller gives
UNKNOWN_LEFT = 120  # pixels left of the plot where a figure sets no left margin: its numeric labels and title (94 seen)


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
    band below everything the figure draws, the bottom margin grown to hold it, starting at the
    figure's left edge and wrapped to its width (`width_px`, at most the narrowest column's; a
    page-wide chart, None: FOOTER_WIDTH)
    with room on the right for `version` (`version_text`). The version is the second annotation,
    which the page's style hides on screen (components.charts.CHART_STYLE): the PNG a reader saves
    carries it, the screen shows the one short line."""
    left, right = figure.layout.margin.l, figure.layout.margin.r
    # Paper coordinates start at the plot, right of its y labels: the footer is shifted back by the
    # left margin to use the figure's whole width. A figure that sets none leaves it to Plotly.
    # A chart of fixed width is drawn narrower where its column is (a comparison panel of 440 px at
    # 404 px in an 864 px window, its footer cut by 10 px): its footer fits the narrowest column.
    wrap_to = min(width_px, NARROWEST_WORDS_CHART_PX) if width_px else FOOTER_WIDTH
    lines = wrap_px(text, _room(wrap_to, left), SOURCE_FONT_SIZE)
    # The version goes on the last line, at the figure's right edge. A page-wide chart's PNG is
    # EXPORT_WIDTH wide, far wider than its footer; a chart of known width is saved at that width,
    # and its version takes a line of its own (blank on screen) where the last line leaves no room
    # in the PNG (the version is not shown on screen).
    if version and width_px and plain_text_px(f"{lines[-1]}    {version}", SOURCE_FONT_SIZE) > _room(width_px, left):
        lines.append("")
    lines = [plotly_escaped(line) for line in lines]  # Plotly reads some HTML
    # NOTE: not go.Figure(figure), which validates every property again (~35 ms for a bar chart
    # here, per chart and rerun); the figure was validated when it was built.
    copy = go.Figure(figure.to_dict(), _validate=False)
    # The footer hangs below the x axis's ticks and title: at least AXIS_ROOM below the plot, or the
    # figure's own bottom margin where it is wider. Paper coordinates are the plot's, so the legend
    # must not be below the plot (core.style.LEGEND_ABOVE).
    declared = copy.layout.margin.b if copy.layout.margin.b is not None else PLOTLY_BOTTOM_MARGIN
    bottom = max(declared, AXIS_ROOM, _x_title_room(copy.layout.xaxis.title.text))
    band = LINE_HEIGHT * len(lines) + 6
    copy.update_layout(margin={"b": bottom + band})
    # First among the annotations, so the page's style can find them (data-index 0 and 1): the
    # version always hidden on screen, the line on a phone and in a page-wide chart narrower than FOOTER_WIDTH.
    copy.layout.annotations = ()
    footer = {"xref": "paper", "yref": "paper", "y": 0, "showarrow": False, "font": {"size": SOURCE_FONT_SIZE}}
    copy.add_annotation(text="<br>".join(lines), x=0, xanchor="left", align="left", yanchor="top", yshift=-bottom,
                        xshift=-(left or 0), **footer)  # fmt: skip
    if version:  # on the last line, its baseline the line's
        # The footer's box is hung by its top, the version's stood on its bottom: each has Plotly's
        # 1 px border pad between its edge and its text.
        last = -bottom - LINE_HEIGHT * len(lines) - 2 * ANNOTATION_PAD
        copy.add_annotation(text=plotly_escaped(version), x=1, xanchor="right", align="right", yanchor="bottom",
                            yshift=last, xshift=max((right or 0) - FOOTER_PAD // 2, 0), **footer)  # fmt: skip
    for annotation in figure.layout.annotations:
        copy.add_annotation(annotation)
    if copy.layout.height is not None:
        copy.update_layout(height=copy.layout.height + band)
    return copy


def _room(width_px: int, left: int | None) -> float:
    """Pixels across for a footer's line in a chart `width_px` wide: from the figure's left edge
    where the figure sets its left margin (`left`), else from the plot's."""
    return max(width_px - FOOTER_PAD - (0 if left is not None else UNKNOWN_LEFT), LEAST_ROOM)


def _x_title_room(title: str | None) -> int:
    """Pixels below the plot that the x axis's ticks and its title, over as many lines as it has,
    take with a gap before the footer (0 with no title)."""
    if not title:
        return 0
    return X_TITLE_BOTTOM + X_TITLE_LINE * title.lower().count("<br>") + FOOTER_GAP
