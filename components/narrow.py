"""What the browser does that Python cannot: a chart's in-chart labels left out on a narrow
screen. Streamlit gives the server no viewport width, so this is constant CSS: no data in it.
"""

from __future__ import annotations

import streamlit as st

NARROW = 640  # px of window below which a chart's text labels cannot fit beside its marks


def labels_off_when_narrow(chart_key: str, note_key: str) -> None:
    """On a window under NARROW px, the chart `chart_key` draws no text beside its marks (there a
    label would be cut at the chart's edge, WCAG 1.4.10), and the container `note_key` (a note
    that says where the labels are instead) shows; on a wider window the note is hidden."""
    chart, note = _css_class(chart_key), _css_class(note_key)
    style = (
        f"<style>.{note}{{display:none}}"
        f"@media (max-width:{NARROW}px){{.{chart} .textpoint,.{chart} .bartext{{display:none}}"
        f".{note}{{display:block}}}}</style>"
    )
    st.html(style)


def _css_class(key: str) -> str:
    """The class Streamlit gives an element or container drawn with `key`."""
    return f"st-key-{key}"
