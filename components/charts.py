"""Every chart is drawn through `show_chart`: one toolbar and one file name rule for all of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from core.export import chart_file_stem


def chart_config(file_stem: str) -> dict:
    """Plotly's config: the toolbar keeps only "download as PNG" (what analysts use; every other
    button is a tab stop a keyboard user must pass), and the PNG is named after the view."""
    return {
        "displaylogo": False,
        "modeBarButtons": [["toImage"]],
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 2},
    }


def show_chart(
    figure: go.Figure, *, key: str, page: str, name_parts: Sequence[str], chart: str, summary: str = "", **options
) -> object:
    """Draw `figure`; its PNG is named as the view's CSV is (`page`, `name_parts`: the main filters)
    plus `chart`, which chart it is. `summary`, the chart's text alternative (core.chart_text, in
    Markdown), is written just before it, where a screen reader meets it first (WCAG 1.1.1).
    `options` go to `st.plotly_chart` (width, on_select, …)."""
    if summary:
        st.markdown(summary)
    stem = chart_file_stem(page, name_parts, chart, dt.date.today())
    return st.plotly_chart(figure, key=key, config=chart_config(stem), **options)
