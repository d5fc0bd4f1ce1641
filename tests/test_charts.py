"""Every chart on every page is drawn with the one toolbar (PNG download only) and a PNG named after its view."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import plotly.graph_objects as go
import pytest
import streamlit as st

from components import charts
from components.charts import chart_config, show_chart
from core.chart_source import EXPORT_WIDTH, ChartSource
from core.compare.figures import PANEL_WIDTH
from core.export import chart_file_stem
from core.pages import COMPARE
from tests.apptest_support import open_app

VIEWS = [
    ("app_pages/aid.py", {}, "aid_"),
    ("app_pages/aid.py", {"chart": "time", "recipient": "KAZ"}, "aid_KAZ_"),
    ("app_pages/aid.py", {"per_year": "1"}, "aid_"),
    ("app_pages/timeline.py", {}, "timeline_"),
    ("app_pages/compare.py", {}, "compare_"),
]


def test_chart_file_stem_names_page_filters_chart_and_date() -> None:
    stem = chart_file_stem("aid", ["KAZ", "1993-2019"], "bars", dt.date(2026, 11, 29))
    assert stem == "aid_KAZ_1993-2019_bars_2026-11-29"


def test_chart_config_keeps_only_the_image_download() -> None:
    config = chart_config("aid_bars")
    assert config["modeBarButtons"] == [["toImage"]]
    assert config["toImageButtonOptions"]["filename"] == "aid_bars"
    assert config["displaylogo"] is False


def test_a_page_wide_chart_is_saved_wide_enough_for_its_footer_and_a_fixed_one_at_its_width() -> None:
    from core.chart_source import EXPORT_WIDTH, FOOTER_WIDTH

    assert chart_config("aid_bars")["toImageButtonOptions"]["width"] == EXPORT_WIDTH >= FOOTER_WIDTH
    assert chart_config("compare_panel", 440)["toImageButtonOptions"]["width"] == 440


@pytest.mark.parametrize(("page", "query", "prefix"), VIEWS)
def test_every_chart_has_the_trimmed_toolbar_and_a_descriptive_png_name(page, query, prefix) -> None:
    at = open_app(page, query=query)
    charts = at.get("plotly_chart")
    assert charts, f"no chart on {page} {query}"
    today = dt.date.today().isoformat()
    for chart in charts:
        config = json.loads(chart.proto.config)
        assert config["modeBarButtons"] == [["toImage"]]
        name = config["toImageButtonOptions"]["filename"]
        assert name.startswith(prefix) and name.endswith(today), name
        # A comparison panel is saved at its own width, a page-wide chart wide enough for its footer.
        saved_at = PANEL_WIDTH if page == "app_pages/compare.py" else EXPORT_WIDTH
        assert config["toImageButtonOptions"]["width"] == saved_at, name


def _drawn_widths(annotation_text: str) -> list[float]:
    from core.chart_source import SOURCE_FONT_SIZE
    from core.text_width import text_px

    return [text_px(line, SOURCE_FONT_SIZE) for line in annotation_text.split("<br>")]


def test_the_source_line_is_a_footer_on_a_copy_escaped_and_wrapped() -> None:
    from core.chart_source import ANNOTATION_PAD, AXIS_ROOM, FOOTER_PAD, LINE_HEIGHT, with_source_line

    layout = {"height": 300, "margin": {"t": 30, "b": 40, "l": 94, "r": 20}}
    original = go.Figure(go.Bar(x=[1], y=["a"]), layout=layout)
    text = "Source: <b>Usubaliev</b> (2020) · Japan and Central Asia dashboard · https://example.org/aid" * 2
    sourced = with_source_line(original, text, "data version abc", width_px=440)
    assert not original.layout.annotations and original.layout.margin.b == 40  # the shared figure is untouched
    note, version = sourced.layout.annotations
    lines = note.text.split("<br>")
    # Each line fits the chart's whole width as drawn, from the figure's left edge, not the plot's.
    assert len(lines) > 1 and max(_drawn_widths(note.text)) <= 440 - FOOTER_PAD
    assert (note.x, note.xanchor, note.xshift) == (0, "left", -94)
    assert "&lt;b&gt;Usubaliev&lt;/b&gt;" in lines[0]  # data text is never read as markup
    escaped = text.replace("<b>", "&lt;b&gt;").replace("</b>", "&lt;/b&gt;")
    assert "".join(lines).replace(" ", "") == escaped.replace(" ", "")  # nothing lost
    # Below the plot, past the x axis's ticks and title (AXIS_ROOM: wider than this figure's 40 px).
    assert (note.y, note.yanchor, note.yshift) == (0, "top", -AXIS_ROOM)
    grown = LINE_HEIGHT * len(lines) + 6
    assert (sourced.layout.margin.b, sourced.layout.height) == (AXIS_ROOM + grown, 300 + grown)
    assert (sourced.layout.margin.t, sourced.layout.title.y) == (30, None)  # the top is the figure's own
    # The version on the last line, at the figure's right edge (for the PNG; the page's style hides it on screen).
    assert version.text == "data version abc" and (version.x, version.xanchor) == (1, "right")
    assert 0 < version.xshift <= 20
    assert (
        version.yshift == -AXIS_ROOM - LINE_HEIGHT * len(lines) - 2 * ANNOTATION_PAD and sourced.data == original.data
    )


@pytest.mark.parametrize(("title", "least"), [(None, 60), ("Year", 60), ("Year<br>spans<br>periods", 96)])
def test_the_footer_hangs_below_an_x_title_of_any_number_of_lines(title, least) -> None:
    """The Russian periods chart's x title wraps over three lines, which end 88 px below the plot
    (measured): hung 80 px below it, the footer's first line ran into the title's last."""
    from core.chart_source import with_source_line

    figure = go.Figure(go.Bar(x=[1], y=["a"]), layout={"xaxis": {"title": {"text": title}}})
    note = with_source_line(figure, "Source: X (2020)").layout.annotations[0]
    assert -note.yshift >= least and -note.yshift <= max(least, 80)  # Plotly's 80 px stays where it is room enough


def test_a_page_wide_charts_footer_is_wrapped_to_the_footer_width() -> None:
    from core.chart_source import FOOTER_PAD, FOOTER_WIDTH, UNKNOWN_LEFT, with_source_line

    text = "Источник: Усубалиев (2020 г.); Посольство Японии в Узбекистане и ещё 4 · Панель «Япония и Центральная Азия»"
    labelled = go.Figure(go.Bar(x=[1], y=["a"]), layout={"margin": {"l": 237}})
    note = with_source_line(labelled, text, "data version abc").layout.annotations[0]
    assert max(_drawn_widths(note.text)) <= FOOTER_WIDTH - FOOTER_PAD and note.xshift == -237
    # The PNG is wider than the footer: the version needs no line of its own.
    assert not note.text.endswith("<br>") and note.text.count("<br>") == 1
    # Where the figure leaves its left margin to Plotly, the footer starts at the plot and has less room.
    unlabelled = with_source_line(go.Figure(go.Bar(x=[1], y=[2])), text).layout.annotations[0]
    assert max(_drawn_widths(unlabelled.text)) <= FOOTER_WIDTH - FOOTER_PAD - UNKNOWN_LEFT
    assert unlabelled.xshift == 0


def _most_xs(width_of: Callable[[str], float], room: float) -> int:
    """The most x's whose text (`width_of` a run of them) fits in `room` pixels."""
    count = 1
    while width_of("x" * (count + 1)) <= room:
        count += 1
    return count


def test_a_fixed_width_charts_footer_fits_the_narrowest_column_and_its_version_the_png() -> None:
    """A 440 px comparison panel is drawn 404 px wide in an 864 px window: its footer is wrapped to
    the narrowest column (NARROWEST_WORDS_CHART_PX). The version, in the 440 px PNG only, needs no
    line of its own where the last line leaves it room there."""
    from core.chart_source import FOOTER_PAD, SOURCE_FONT_SIZE, with_source_line
    from core.text_width import NARROWEST_WORDS_CHART_PX, plain_text_px

    figure = go.Figure(go.Bar(x=[1], y=["a"]), layout={"margin": {"l": 40}})
    text = "Source: " + " ".join(["Embassy of Japan in Uzbekistan (2021–2022)"] * 3)
    note = with_source_line(figure, text, "data version abc", width_px=440).layout.annotations[0]
    assert max(_drawn_widths(note.text)) <= NARROWEST_WORDS_CHART_PX - FOOTER_PAD
    assert max(_drawn_widths(note.text)) > 0.8 * (NARROWEST_WORDS_CHART_PX - FOOTER_PAD)  # wrapped, not cut short
    # A last line that leaves the version room in 440 px, though not in NARROWEST_WORDS_CHART_PX.
    line = "Source: " + "x" * _most_xs(
        lambda xs: plain_text_px(f"Source: {xs}    data version abc", SOURCE_FONT_SIZE), 440 - FOOTER_PAD
    )
    assert plain_text_px(f"{line}    data version abc", SOURCE_FONT_SIZE) > NARROWEST_WORDS_CHART_PX - FOOTER_PAD
    roomy = with_source_line(figure, line, "data version abc", width_px=440).layout.annotations[0]
    assert roomy.text.count("<br>") == 0


def test_a_word_wider_than_a_line_is_broken_and_nothing_is_lost() -> None:
    from core.chart_source import SOURCE_FONT_SIZE
    from core.text_width import wrap_px

    address = "https://dashboard.example.org/" + "japan-central-asia/" * 4 + "aid"
    lines = wrap_px(f"Source: X · {address}", 120, SOURCE_FONT_SIZE)
    assert "".join(lines).replace(" ", "") == f"Source:X·{address}" and len(lines) > 3
    assert max(_drawn_widths("<br>".join(lines))) <= 120
    assert wrap_px("", 100, SOURCE_FONT_SIZE) == [""]


def test_a_footer_is_never_wrapped_narrower_than_the_least_room() -> None:
    from core.chart_source import with_source_line

    # A small width and a figure that leaves its left margin to Plotly: no room left, and each word
    # took a line of its own.
    note = with_source_line(go.Figure(go.Bar(x=[1], y=[2])), "Source: a b c", width_px=100).layout.annotations[0]
    assert note.text == "Source: a b c"


def test_the_version_takes_a_line_of_its_own_where_the_last_is_full() -> None:
    from core.chart_source import FOOTER_PAD, SOURCE_FONT_SIZE, with_source_line
    from core.text_width import NARROWEST_WORDS_CHART_PX, plain_text_px

    figure = go.Figure(go.Bar(x=[1], y=["a"]), layout={"margin": {"l": 40}})
    short = with_source_line(figure, "Source: X (2020)", "data version abc", width_px=440)
    # A word that fills the narrowest line, after "Source:" on a line of its own.
    word = "x" * _most_xs(lambda xs: plain_text_px(xs, SOURCE_FONT_SIZE), NARROWEST_WORDS_CHART_PX - FOOTER_PAD)
    full = with_source_line(figure, f"Source: {word}", "data version abc", width_px=440)
    assert short.layout.annotations[0].text.count("<br>") == 0
    assert full.layout.annotations[0].text == f"Source:<br>{word}<br>"  # a blank last line, which the version fills


def test_the_source_line_names_the_host_and_page_never_the_query_string() -> None:
    from core.chart_source import short_address, source_text, version_text

    link = "https://dash.example.org/japan-ca/aid?lang=en&recipient=KAZ&recipient=UZB&v=abc"
    assert short_address(link) == "https://dash.example.org/japan-ca/aid"
    text = source_text("MOFA Japan (2004–2024)", link)
    assert (
        text
        == "Source: MOFA Japan (2004–2024) · Japan and Central Asia dashboard · https://dash.example.org/japan-ca/aid"
    )
    assert source_text("MOFA Japan (2004–2024)", None).endswith("Japan and Central Asia dashboard")
    assert version_text("abc") == "data version abc"


def _drawn(monkeypatch: pytest.MonkeyPatch) -> list[go.Figure]:
    """The figures show_chart hands to st.plotly_chart, from now on."""
    drawn: list[go.Figure] = []
    monkeypatch.setattr(st, "plotly_chart", lambda figure, **options: drawn.append(figure))
    return drawn


SOURCE_1, SOURCE_2 = ChartSource("Source: S1.", "data version v"), ChartSource("Source: S2.", "data version v")


def _panel(title: str) -> go.Figure:
    return go.Figure(go.Bar(x=["KAZ"], y=[2]), layout={"title": {"text": title}})


def test_two_figures_that_get_the_same_id_keep_their_own_pictures(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the shared view cache drops a view, its figures' ids are free for others: a picture
    cached by id(figure) would then show one panel's chart in another's place."""
    drawn = _drawn(monkeypatch)
    monkeypatch.setattr(charts, "id", lambda _figure: 1, raising=False)  # the second gets the first's freed id
    for title in ("Money agreed", "Events"):
        show_chart(_panel(title), key="panel", page=COMPARE, name_parts=[], chart="panel", source=SOURCE_1)
    assert [figure.layout.title.text for figure in drawn] == ["Money agreed", "Events"]


def test_a_figure_drawn_again_or_an_equal_one_reuses_its_picture(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = _drawn(monkeypatch)
    figure = _panel("Money agreed")
    for shown in (figure, figure, _panel("Money agreed")):  # another session; a view built again
        show_chart(shown, key="panel", page=COMPARE, name_parts=[], chart="panel", source=SOURCE_1)
    show_chart(figure, key="panel", page=COMPARE, name_parts=[], chart="panel", source=SOURCE_2)
    assert drawn[0] is drawn[1] is drawn[2]
    assert drawn[3] is not drawn[0] and "S2" in drawn[3].layout.annotations[0].text
