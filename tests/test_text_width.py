"""Labels measured before the browser draws them (core.text_width), and the margin they get."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from core.style import readable
from core.text_width import SCRIPT_SCALE, TICK_FONT_PX, left_margin, text_px


def test_a_word_is_as_wide_as_chromium_draws_it() -> None:
    # Chromium's canvas measureText gave 55.52 px for "Uzbekistan" in 12 px Source Sans.
    assert text_px("Uzbekistan", 12) == pytest.approx(55.52, abs=0.5)


def test_the_widest_line_counts_and_a_superscript_is_smaller() -> None:
    short, long = "Uzbekistan", "Uzbekistan and Kazakhstan"
    assert text_px(f"{short}<br>{long}") == pytest.approx(text_px(long))
    assert text_px(f"{short}<br /><sup>{long}</sup>") == pytest.approx(text_px(long) * SCRIPT_SCALE)
    assert text_px(f"{short} <sup>{short}</sup>") == pytest.approx(text_px(f"{short} ") + SCRIPT_SCALE * text_px(short))


def test_tags_are_not_drawn_and_entities_are_one_character() -> None:
    assert text_px("<b>Aid</b>") == pytest.approx(text_px("Aid"))
    assert text_px("A &lt; B") == pytest.approx(text_px("A < B"))


def test_characters_not_measured_are_not_taken_as_narrow() -> None:
    assert text_px("日本") == pytest.approx(2 * TICK_FONT_PX)  # a full em each
    assert text_px("ğ") >= text_px("g")


def test_a_title_and_each_of_its_lines_widen_the_margin() -> None:
    labels = ["Kazakhstan", "Kyrgyzstan"]
    bare, titled = left_margin(labels, None), left_margin(labels, "Recipient")
    assert text_px("Kyrgyzstan") < bare < titled < left_margin(labels, "Recipient<br>of the money")


def test_a_figure_naming_its_categories_gets_their_margin_and_a_numeric_one_none() -> None:
    names = ["Turkmenistan", "Central Asian states"]
    bars = readable(go.Figure(go.Bar(y=names, x=[1, 2], orientation="h"), layout={
        "yaxis": {"categoryorder": "array", "categoryarray": names}, "margin": {"l": 10}}))  # fmt: skip
    assert bars.layout.margin.l == left_margin(names, None) > 10
    numeric = readable(go.Figure(go.Bar(x=names, y=[1, 2])))
    assert numeric.layout.margin.l is None
