"""Every colour every figure draws in has the contrast WCAG 2.1 AA asks against the background:
4.5:1 for text (1.4.3), 3:1 for marks (1.4.11), read from the figure specs of every page's charts
in their default and filtered states. Text that sets no colour of its own (an annotation, a trace's
labels) inherits the layout's font, so that one must be set and readable."""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterator
from pathlib import Path

import plotly.graph_objects as go
import pytest

from core import aid, timeline
from core.compare import data as compare_data
from core.compare import view as compare_view
from core.compare.params import PARAMS as COMPARE_PARAMS
from core.facts import Facts
from core.style import BACKGROUND, readable_figure

TEXT, MARK = 4.5, 3.0
REPO = Path(__file__).resolve().parents[1]


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb' or 'rgb(r, g, b)'."""
    colour = {"white": "#ffffff", "black": "#000000"}.get(colour.strip().lower(), colour.strip().lower())
    if colour.startswith("#"):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    else:
        channels = [int(part) / 255 for part in colour[colour.index("(") + 1 : -1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [
        ("#ffffff", "#000000", 21.0),
        ("#828180", "#ffffff", 3.88),
        ("#808495", "#ffffff", 3.72),
        ("#d08c00", "#ffffff", 2.83),
    ],
)
def test_contrast_matches_the_audit(first, second, ratio) -> None:
    """The formula gives the ratios the audit measured (so the checks below can fail)."""
    assert contrast(first, second) == pytest.approx(ratio, abs=0.01)


def _many(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v is not None]


def colours(figure: go.Figure) -> Iterator[tuple[str, str, str, float]]:
    """(where, colour, against, minimum) for every colour in the figure's spec."""
    layout = figure.layout
    base = layout.font.color
    yield "layout.font", base, BACKGROUND, TEXT
    for name in ("xaxis", "yaxis"):
        axis = layout[name]
        yield f"{name}.tickfont", axis.tickfont.color or base, BACKGROUND, TEXT
        yield f"{name}.title.font", axis.title.font.color or base, BACKGROUND, TEXT
    yield "legend.font", layout.legend.font.color or base, BACKGROUND, TEXT
    yield "title.font", layout.title.font.color or base, BACKGROUND, TEXT
    for number, annotation in enumerate(layout.annotations or ()):
        yield f"annotation {number}", annotation.font.color or base, BACKGROUND, TEXT
    for trace in figure.data:
        where = f"{trace.type} {trace.name!r}"
        marker = trace.marker
        fills = _many(marker.color)
        opacities = (
            []
            if marker.opacity is None
            else [marker.opacity]
            if isinstance(marker.opacity, float | int)
            else list(marker.opacity)
        )
        # A faded mark's contrast is its blend with the background: the palette's ratio no longer holds.
        assert all(o == 1 for o in opacities), f"{where}: marks faded to {opacities}"
        outline = marker.line.color if marker.line is not None and (marker.line.width or 0) > 0 else None
        for fill in fills:
            # A white fill (an open period) is carried by its outline and pattern, checked below.
            if contrast(fill, BACKGROUND) > 1 or outline is None:
                yield f"{where} marker", fill, BACKGROUND, MARK
        # A point's ring in the background's colour only parts it from its neighbours: not a mark.
        if outline and not (trace.type == "scatter" and contrast(outline, BACKGROUND) == 1):
            yield f"{where} outline", outline, BACKGROUND, MARK
        if trace.type == "bar":
            pattern = marker.pattern
            shapes = _many(pattern.shape) if pattern is not None else []
            foregrounds = _many(pattern.fgcolor) if pattern is not None else []
            if any(shapes):
                assert foregrounds, f"{where}: a pattern with no colour of its own"
                for index, fill in enumerate(fills):
                    fg = foregrounds[index % len(foregrounds)]
                    # The hatch stands out from its bar, and a hatch on white from the background.
                    yield f"{where} pattern", fg, fill if fg.lower() != fill.lower() else BACKGROUND, MARK
            inside = _many(trace.insidetextfont.color) or _many(trace.textfont.color) or [base]
            if trace.text is not None and {"inside", "auto"} & set(_many(trace.textposition)):
                for index, fill in enumerate(fills):
                    yield f"{where} text inside", inside[index % len(inside)], fill, TEXT
            for colour in _many(trace.outsidetextfont.color) or _many(trace.textfont.color) or [base]:
                yield f"{where} text beside", colour, BACKGROUND, TEXT
        if trace.type == "scatter":
            if trace.line is not None and trace.line.color and "lines" in (trace.mode or ""):
                yield f"{where} line", trace.line.color, BACKGROUND, MARK
            for colour in _many(trace.textfont.color) or [base]:
                yield f"{where} text", colour, BACKGROUND, TEXT
            for state in ("selected", "unselected"):
                style = trace[state]
                if style is None or trace.selectedpoints is None:
                    continue
                text = style.textfont.color if style.textfont is not None else None
                assert text is not None or state == "selected", f"{where}: Plotly fades unselected text"
                if text:
                    yield f"{where} {state} text", text, BACKGROUND, TEXT
                opacity = style.marker.opacity if style.marker is not None else None
                assert opacity in (None, 1), f"{where}: {state} marks faded to {opacity}"


def failures(figure: go.Figure) -> list[str]:
    found = []
    for where, colour, against, minimum in colours(figure):
        assert colour, f"{where}: no colour set (Streamlit's theme would draw it in #808495, 3.72:1)"
        ratio = contrast(colour, against)
        if ratio < minimum:
            found.append(f"{where}: {colour} on {against} is {ratio:.2f}:1, needs {minimum}:1")
    return found


def _aid_figures(facts: Facts) -> Iterator[tuple[str, go.Figure]]:
    data = aid.data.aid_data(facts)
    default = aid.params.PARAMS.defaults(aid.params.aid_options(facts))
    states = {
        "default": default,
        "by kind": dataclasses.replace(default, by="kind"),
        "by status, log": dataclasses.replace(default, by="status", scale="log"),
        "years 2010-2020": dataclasses.replace(default, years=(2010, 2020)),
        "one recipient": dataclasses.replace(default, recipients=default.recipients[:1]),
    }
    for name, filters in states.items():
        view = aid.view.aid_view(data, filters)
        if view.bars is not None:
            yield f"aid bars, {name}", view.bars
        flows = aid.data.filter_money(data.view, filters)
        dated = flows[flows["year_start"].notna()]
        if not dated.empty:
            yield f"aid over time, {name}", aid.spans.spans_figure(dated, filters.years)
        spread = aid.data.annualise(aid.data.annualisable(flows, filters.years), filters.years)
        if not spread.empty:
            yield f"aid per year, {name}", aid.figures.per_year_figure(spread, data)


def _timeline_figures(facts: Facts) -> Iterator[tuple[str, go.Figure]]:
    view = timeline.data.event_view(facts)
    default = timeline.params.PARAMS.defaults(timeline.params.timeline_options(facts))
    states = {
        "default": default,
        "E13 selected": dataclasses.replace(default, event="E13"),
        "KGZ": dataclasses.replace(default, countries=("KGZ",), region=False),
        "years 2004-2012": dataclasses.replace(default, years=(2004, 2012)),
    }
    for name, filters in states.items():
        figure = timeline.figures.chart(view, filters)
        if figure is not None:
            yield f"timeline, {name}", figure
    yield "timeline counts", timeline.figures.counts_figure(view[view["year_start"].notna()])


def _compare_figures(facts: Facts) -> Iterator[tuple[str, go.Figure]]:
    data = compare_data.compare_data(facts)
    default = COMPARE_PARAMS.defaults(data.options)
    states = {
        "default": default,
        "every metric": dataclasses.replace(default, metrics=tuple(data.options.metrics)),
        "years 2010-2020": dataclasses.replace(default, years=(2010, 2020), metrics=tuple(data.options.metrics)),
    }
    for name, filters in states.items():
        for metric, figure in compare_view.compare_view(data, filters).panels:
            yield f"compare {metric.id}, {name}", figure


def test_every_figure_has_readable_text_and_marks(bundled_facts: Facts) -> None:
    figures = [*_aid_figures(bundled_facts), *_timeline_figures(bundled_facts), *_compare_figures(bundled_facts)]
    kinds = {name.split(",")[0].split(" ")[0] for name, _figure in figures}
    assert kinds == {"aid", "timeline", "compare"} and len(figures) > 25
    problems = {name: found for name, figure in figures if (found := failures(figure))}
    assert not problems, problems


def test_the_old_palette_would_fail() -> None:
    """The check catches what the audit found: theme-grey text, a pale mark, a faded unselected label."""
    figure = go.Figure(go.Bar(x=[1], y=["a"], marker={"color": "#d08c00"}), layout={"font": {"color": "#808495"}})
    found = failures(figure)
    assert any("layout.font" in f for f in found) and any("marker" in f for f in found)
    with pytest.raises(AssertionError, match="faded"):
        pale = {"color": "#1f6f43", "opacity": [1, 0.45]}
        failures(readable_figure([go.Bar(x=[1, 2], y=["a", "b"], marker=pale)], {}))
    faded = readable_figure([go.Scatter(x=[1], y=[1], mode="markers+text", text=["a"], selectedpoints=[],
                                        unselected={"marker": {"opacity": 0.35}})], {})  # fmt: skip
    with pytest.raises(AssertionError, match="fade"):
        failures(faded)


def test_an_annotation_without_a_colour_inherits_readable_text() -> None:
    """What components.charts adds (a source line with no font colour) reads from the layout."""
    figure = readable_figure([go.Bar(x=[1], y=[1])], {})
    figure.add_annotation(text="Source: …", showarrow=False, xref="paper", yref="paper", x=0, y=-0.2)
    assert not failures(figure)
    assert contrast(figure.layout.font.color, BACKGROUND) >= TEXT


def test_captions_are_readable_under_the_theme() -> None:
    """Streamlit draws captions and quotes at 60% of theme.textColor over the background."""
    theme = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())["theme"]
    text = theme["textColor"]
    background = theme.get("backgroundColor", BACKGROUND)
    blend = "#" + "".join(
        f"{round(0.6 * int(text[i : i + 2], 16) + 0.4 * int(background[i : i + 2], 16)):02x}" for i in (1, 3, 5)
    )
    assert contrast(blend, background) >= TEXT, blend
