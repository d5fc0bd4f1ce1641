"""A metric card that always carries its status and the source's words."""

from __future__ import annotations

import streamlit as st

from dashboard.formatting import escape_markdown
from dashboard.overview import KeyFigure


def key_figure_card(figure: KeyFigure) -> None:
    with st.container(border=True):
        st.metric(label=escape_markdown(figure.label), value=figure.value)
        details = [f"**{escape_markdown(figure.status)}**", escape_markdown(figure.period)]
        if figure.qualifier:
            details.insert(0, f"*{escape_markdown(figure.qualifier)}* (the source's word)")
        st.markdown(" · ".join(details))
        if figure.quote is None:
            st.caption("No figure in the source.")
        else:
            st.caption(f"“{escape_markdown(figure.quote)}” ({escape_markdown(figure.source_id)}, ¶{figure.paragraph})")


def key_figure_grid(figures: list[KeyFigure], per_row: int = 3) -> None:
    """Cards in rows of `per_row`, so long labels keep room on narrow screens."""
    for start in range(0, len(figures), per_row):
        for column, figure in zip(st.columns(per_row), figures[start : start + per_row], strict=False):
            with column:
                key_figure_card(figure)
