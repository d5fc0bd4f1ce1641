"""Labels measured before the browser draws them (core.text_width), and the margin they get."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from core.style import TEXT_COLOUR, readable_figure
from core.text_width import (
    CHART_FONT_FAMILY,
    NARROWEST_MAIN_COLUMN_PX,
    NARROWEST_WORDS_CHART_PX,
    SCRIPT_SCALE,
    SCROLLBAR_PX,
    TICK_FONT_PX,
    left_margin,
    plain_text_px,
    text_px,
    wrap_px,
)


def test_a_word_is_as_wide_as_chromium_draws_it() -> None:
    # Chromium's canvas measureText gave 59.35 px for "Uzbekistan" in 12 px Arial (Liberation Sans);
    # tests/test_browser_screens.py measures every character of the table in the charts' font.
    assert text_px("Uzbekistan", 12) == pytest.approx(59.35, abs=0.5)


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
    bars = readable_figure([go.Bar(y=names, x=[1, 2], orientation="h")], {
        "yaxis": {"categoryorder": "array", "categoryarray": names}, "margin": {"l": 10, "t": 30}})  # fmt: skip
    assert bars.layout.margin.l == left_margin(names, None) > 10
    assert bars.layout.margin.t == 30  # the figure's other margins are kept
    titled = readable_figure([go.Bar(y=names, x=[1, 2], orientation="h")], {
        "yaxis": {"categoryarray": names, "title": "Recipient"}})  # fmt: skip
    assert titled.layout.margin.l == left_margin(names, "Recipient") and titled.layout.yaxis.title.text == "Recipient"
    numeric = readable_figure([go.Bar(x=names, y=[1, 2])], {})
    assert numeric.layout.margin.l is None


def test_styles_merge_into_the_figures_own_settings() -> None:
    """As update_layout would: the text colour set everywhere, the figure's own sizes and words kept."""
    figure = readable_figure([go.Bar(x=[1], y=[1])], {
        "title": {"text": "Panel", "font": {"size": 15}}, "legend": {"title": "Status", "x": 0},
        "xaxis": {"title": "Year", "range": [0, 1]}, "font": {"color": "#999999"}})  # fmt: skip
    layout = figure.layout
    assert (layout.title.text, layout.title.font.size, layout.title.font.color) == ("Panel", 15, TEXT_COLOUR)
    assert (layout.legend.title.text, layout.legend.x, layout.legend.title.font.color) == ("Status", 0, TEXT_COLOUR)
    assert (layout.xaxis.title.text, tuple(layout.xaxis.range)) == ("Year", (0, 1))
    assert layout.font.color == layout.xaxis.tickfont.color == layout.yaxis.tickfont.color == TEXT_COLOUR
    # Every text in the font the widths are measured for, which a PNG has too (Streamlit's theme
    # would give the layout, the title and the hovers its web font, which a PNG cannot draw).
    fonts = (layout.font, layout.title.font, layout.legend.font, layout.hoverlabel.font, layout.yaxis.tickfont)
    assert {font.family for font in fonts} == {CHART_FONT_FAMILY}


def test_wrapping_never_breaks_at_a_no_break_space() -> None:
    # Russian writes 500 000 with a no-break space: "500" and "000" on two lines read as two numbers.
    amount = "до 500\u00a0000 долл. США"
    lines = wrap_px(amount, plain_text_px("до 500\u00a0000 долл.", 12) - 1, 12)
    assert lines == ["до 500\u00a0000", "долл. США"]


def test_the_narrowest_main_column_is_streamlits_at_the_window_where_its_padding_widens() -> None:
    """864 px less the default sidebar and the wide padding: if Streamlit's layout constants change,
    the words' narrowest width must be measured again."""
    from components.streamlit_internals import SIDEBAR_PX, WIDE_MAIN_PADDING_PX, WIDE_PADDING_FROM_PX

    assert NARROWEST_MAIN_COLUMN_PX == WIDE_PADDING_FROM_PX - SIDEBAR_PX - WIDE_MAIN_PADDING_PX
    assert NARROWEST_WORDS_CHART_PX < NARROWEST_MAIN_COLUMN_PX - SCROLLBAR_PX
