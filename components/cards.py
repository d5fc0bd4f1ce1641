"""A metric card that always carries its status and the source's words."""

from __future__ import annotations

import streamlit as st

from core.formatting import NOT_STATED, escape_markdown
from core.overview import KeyFigure

CARD_WIDTH = 250  # pixels: room for "≈ US$300 bn" at the metric font size, two abreast at 800 px


def key_figure_card(figure: KeyFigure) -> None:
    with st.container(border=True, width=CARD_WIDTH):
        st.metric(label=escape_markdown(figure.label), value=figure.value, help=escape_markdown(figure.label))
        details = [f"**{escape_markdown(figure.status)}**", escape_markdown(figure.period)]
        if figure.qualifier:
            details.insert(0, f"*{escape_markdown(figure.qualifier)}* (the source's word)")
        st.markdown(" · ".join(details))
        if figure.quote is None and figure.value == NOT_STATED:
            st.caption("No figure in the source.")
        elif figure.quote is None:
            st.caption("A sum of several figures: each one's quote is on the Aid and investment page.")
        else:
            st.caption(f"“{escape_markdown(figure.quote)}” ({escape_markdown(figure.source_id)}, ¶{figure.paragraph})")


def key_figure_grid(figures: list[KeyFigure]) -> None:
    """Cards of one width that wrap onto as many rows as the screen needs, so a value is never cut."""
    with st.container(horizontal=True, gap="small"):
        for figure in figures:
            key_figure_card(figure)
