"""The source line every chart carries inside the figure, so that a saved or pasted chart still
says where its figures come from: the sources behind its marks, the data version and a short
address, the host and page without the query string (as OWID's charts do). The full permalink,
which can run to several lines, is in Share, the citation and the zip's README."""

from __future__ import annotations

import textwrap
from urllib.parse import urlsplit

import plotly.graph_objects as go

from core.formatting import plotly_escaped
from core.i18n import _

SOURCE_FONT_SIZE = 11  # pixels; the colour is the figure's own text colour (layout.font)
LINE_HEIGHT = 15  # pixels per line of the source text at SOURCE_FONT_SIZE
CHARACTER_WIDTH = 6.4  # pixels per character at SOURCE_FONT_SIZE, about, for wrapping
FULL_WIDTH_CHARACTERS = 110  # where the chart's width is not known: a page-wide chart's line


def short_address(link: str) -> str:
    """'https://dash.example.org/japan-ca/aid': a view's link without its query string. The scheme
    stays: it makes the words an address a reader (and a screen reader) takes for one."""
    parts = urlsplit(link)
    return f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.netloc else parts.path


def source_text(citation: str, version: str, link: str | None) -> str:
    """'Source: Usubaliev (2020). Japan and Central Asia dashboard, data version … · host/page':
    the view's `link` shortened to its host and page (`short_address`)."""
    if citation:
        text = _("Source: {sources}. Japan and Central Asia dashboard, data version {version}").format(
            sources=citation, version=version
        )
    else:  # a panel where every cell is 'not stated' rests on no source's words
        text = _("No source states a figure here. Japan and Central Asia dashboard, data version {version}").format(
            version=version
        )
    return f"{text} · {short_address(link)}" if link else text


def with_source_line(figure: go.Figure, text: str, width_px: int | None = None) -> go.Figure:
    """A copy of `figure` (the original may be shared between sessions) with `text` in a band
    above the plot, wrapped to the chart's width, and the top margin grown to hold it."""
    characters = FULL_WIDTH_CHARACTERS if width_px is None else max(int(width_px / CHARACTER_WIDTH), 30)
    lines = [plotly_escaped(line) for line in _wrap(text, characters)]  # Plotly reads some HTML
    # NOTE: not go.Figure(figure), which validates every property again (~35 ms for a bar chart
    # here, per chart and rerun); the figure was validated when it was built.
    copy = go.Figure(figure.to_dict(), _validate=False)
    top = copy.layout.margin.t if copy.layout.margin.t is not None else 20
    band = LINE_HEIGHT * len(lines) + 6
    copy.update_layout(margin={"t": top + band})
    # First among the annotations, so the page's style can find it (data-index 0) and hide it on a
    # narrow screen, where no wrapping fits it (components.charts.NARROW_SCREEN_STYLE).
    copy.layout.annotations = ()
    copy.add_annotation(
        text="<br>".join(lines),
        xref="paper",
        yref="paper",
        x=0,
        y=1,
        xanchor="left",
        yanchor="bottom",
        yshift=top,  # above the margin the figure had: clear of its own title
        align="left",
        showarrow=False,
        font={"size": SOURCE_FONT_SIZE},
    )
    for annotation in figure.layout.annotations:
        copy.add_annotation(annotation)
    if copy.layout.title.text:
        # A title is placed by default in the middle of the top margin, which the band has just
        # grown into: hang it from the figure's top, just below the band.
        copy.update_layout(title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": band + 10}})
    if copy.layout.height is not None:
        copy.update_layout(height=copy.layout.height + band)
    return copy


def _wrap(text: str, characters: int) -> list[str]:
    # A link longer than a line is broken before one of its '&'s where it can, not mid-word.
    marked = text.replace("&", "\0&")
    lines = textwrap.wrap(marked.replace("\0", " "), characters, break_long_words=True, break_on_hyphens=False)
    return [line.replace(" &", "&") for line in lines]
