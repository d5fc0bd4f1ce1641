"""Every chart is drawn through `show_chart`: one toolbar and one file name rule for all of them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence

import plotly.graph_objects as go
import streamlit as st

from components.narrow import NARROW
from components.streamlit_internals import (
    CHART_SELECTOR,
    CHART_SOURCE_LINE_SELECTOR,
    CHART_VERSION_SELECTOR,
    PAGE_WIDE_CHART_SELECTOR,
)
from core.chart_source import EXPORT_WIDTH, FOOTER_WIDTH, ChartSource, source_text, version_text, with_source_line
from core.export import chart_file_stem
from core.facts import Facts
from core.pages import Page
from core.reference import short_citation


def chart_config(file_stem: str, width: int | None = None) -> dict:
    """Plotly's config: the toolbar keeps only "download as PNG" (what analysts use; every other
    button is a tab stop a keyboard user must pass), and the PNG is named after the view. A chart
    of fixed `width` is saved at that width; a page-wide one at EXPORT_WIDTH, whatever the screen,
    so that its footer (wrapped to core.chart_source.FOOTER_WIDTH) is never cut in the picture."""
    return {
        "displaylogo": False,
        "modeBarButtons": [["toImage"]],
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 2, "width": width or EXPORT_WIDTH},
    }


# The data version (the chart's second annotation) is for the PNG: on screen the page names it, in
# Share and Cite. A page-wide chart's source line (the first) is wrapped to FOOTER_WIDTH: in a
# chart drawn narrower it would be cut, which helps no one, so there it is hidden (each such chart
# is a size container its footer's rule measures), as on a phone-sized screen, where no wrapping
# fits it beside the chart's labels. It stays in the chart's PNG, the Share and Cite popovers and
# the downloads.
CHART_STYLE = f"""<style>
{CHART_SELECTOR} {CHART_VERSION_SELECTOR} {{ display: none; }}
{PAGE_WIDE_CHART_SELECTOR} {{ container: chart-footer / inline-size; }}
@container chart-footer (max-width: {FOOTER_WIDTH - 1}px) {{
  {CHART_SOURCE_LINE_SELECTOR} {{ display: none; }}
}}
@media (max-width: {NARROW}px) {{
  {CHART_SELECTOR} {CHART_SOURCE_LINE_SELECTOR} {{ display: none; }}
}}
</style>"""


def chart_source(facts: Facts, source_ids: Iterable[str], link: str | None) -> ChartSource:
    """The source line of a chart whose marks come from `source_ids`, in the view at `link`, and
    the data version its PNG adds."""
    return ChartSource(source_text(short_citation(facts.sources, source_ids), link), version_text(facts.version))


def show_chart(
    figure: go.Figure,
    *,
    key: str,
    page: Page,
    name_parts: Sequence[str],
    chart: str,
    source: ChartSource,
    summary: str = "",
    **options,
) -> object:
    """Draw `figure` with its `source` line (`chart_source`) inside it; its PNG is named as the
    view's CSV is (`page`, `name_parts`: the main filters) plus `chart`, which chart it is.
    `summary`, the chart's text alternative (core.chart_text, in Markdown), is written just before
    it, where a screen reader meets it first (WCAG 1.1.1). `options` go to `st.plotly_chart`."""
    if summary:
        st.markdown(summary)
    stem = chart_file_stem(page.slug, name_parts, chart, dt.date.today())
    fixed = options.get("width") if isinstance(options.get("width"), int) else None  # else "stretch": page-wide
    sourced = _sourced(content_key(figure), source, fixed, figure)
    return st.plotly_chart(sourced, key=key, config=chart_config(stem, fixed), **options)


def content_key(figure: go.Figure) -> str:
    """A digest of everything `figure` draws: two figures share it only if they draw the same.

    NOTE: not id(figure): once the shared view cache (components.data.for_filters) drops a view, its
    figures' ids are free for others, and a picture cached under a recycled id would show one
    panel's chart in another's place. Hashing costs about as much as adding the source line, so the
    digest is kept on the figure the first time: a figure is not changed once drawn (the shared
    ones are read by every session)."""
    key = getattr(figure, "_dashboard_content_key", None)
    if key is None:
        key = hashlib.sha256(figure.to_json().encode()).hexdigest()
        figure._dashboard_content_key = key
    return key


@st.cache_resource(max_entries=256, show_spinner=False)
def _sourced(content: str, source: ChartSource, width: int | None, _figure: go.Figure) -> go.Figure:
    """`with_source_line`, once per figure content, source line and width, shared read-only by
    every session."""
    return with_source_line(_figure, source.line, source.version, width)
