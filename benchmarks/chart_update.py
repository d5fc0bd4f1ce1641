"""Benchmark: what a chart that updates in place would save on a filter change.

Streamlit 1.67 gives a changed figure a new element, so each filter change draws its charts
afresh (`Plotly.newPlot` into a new node, the old one purged). A chart component of our own could
call `Plotly.react` on the node it has. This draws our figures, before and after real filter
changes, both ways in a blank Chromium page (no Streamlit), alternating, and prints the medians:
the baseline (newPlot) is measured in the same run.

Usage: python -m benchmarks.chart_update [REPEATS]   (default 15 per change and way)

Times are from the call to the end of the style and layout it forces (paint, the same picture
either way, is left out). Page-wide charts are drawn 900 px wide, comparison panels at their own
width, each with its footer as the page draws it, but without Streamlit's theme (its font and
margins). The plotly.js is the Python package's, a minor version from the one Streamlit bundles.
"""

from __future__ import annotations

import dataclasses
import json
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path

import plotly
import plotly.graph_objects as go

from components.charts import chart_config
from core import aid, timeline
from core.chart_source import with_source_line
from core.compare import data as compare_data
from core.compare import view as compare_view
from core.compare.figures import PANEL_WIDTH
from core.compare.params import PARAMS as COMPARE_PARAMS
from core.facts import DEFAULT_DATA_DIR, Facts, load_facts
from scripts.browser import launch_chromium

FOOTER = "Source: Usubaliev (2020); MOFA Japan (2004–2025) and 3 more · Japan and Central Asia dashboard · https://example.org/aid"

_DRAW = """() => {
  const host = document.getElementById('host');
  // The time to the end of the style and layout the drawing forces.
  const laidOut = (t0) => () => { host.getBoundingClientRect(); return performance.now() - t0; };
  window.fresh = (f, config) => {  // what Streamlit does with a changed figure: a new node, drawn anew
    const t0 = performance.now(), old = host.firstChild;
    if (old) { Plotly.purge(old); old.remove(); }
    const node = document.createElement('div'); host.appendChild(node);
    return Plotly.newPlot(node, f.data, f.layout, config).then(laidOut(t0));
  };
  window.inPlace = (f, config) => {  // what a component of our own could do: the same node, updated
    const t0 = performance.now();
    return Plotly.react(host.firstChild, f.data, f.layout, config).then(laidOut(t0));
  };
}"""


def changes(facts: Facts) -> Iterator[tuple[str, go.Figure, go.Figure, int | None]]:
    """(what changed, the figure before, the figure after, its fixed width or None: page-wide) for
    filter changes on each chart page."""
    data = aid.data.aid_data(facts)
    default = aid.params.PARAMS.defaults(aid.params.aid_options(facts))
    bars = aid.view.aid_view(data, default).bars
    for name, after in (
        ("aid bars: by kind", dataclasses.replace(default, by="kind")),
        ("aid bars: years 2010-2020", dataclasses.replace(default, years=(2010, 2020))),
        ("aid bars: one recipient", dataclasses.replace(default, recipients=default.recipients[:1])),
    ):
        changed = aid.view.aid_view(data, after).bars
        if bars is not None and changed is not None:
            yield name, bars, changed, None
    events = timeline.data.event_view(facts)
    start = timeline.params.PARAMS.defaults(timeline.params.timeline_options(facts))
    first = timeline.figures.chart(events, start)
    for name, after in (
        ("timeline: one country", dataclasses.replace(start, countries=("KGZ",), region=False)),
        ("timeline: years 2004-2012", dataclasses.replace(start, years=(2004, 2012))),
    ):
        changed = timeline.figures.chart(events, after)
        if first is not None and changed is not None:
            yield name, first, changed, None
    compared = compare_data.compare_data(facts)
    every = dataclasses.replace(COMPARE_PARAMS.defaults(compared.options), metrics=tuple(compared.options.metrics))
    narrower = dataclasses.replace(every, years=(2010, 2020))
    before = dict(compare_view.compare_view(compared, every).panels)
    after_panels = dict(compare_view.compare_view(compared, narrower).panels)
    for metric in list(before)[:3]:
        if metric in after_panels:
            yield f"compare panel {metric.id}: years 2010-2020", before[metric], after_panels[metric], PANEL_WIDTH


def _as_drawn(figure: go.Figure, width: int | None) -> dict:
    return json.loads(with_source_line(figure, FOOTER, "data version x", width).to_json())


def main(repeats: int = 15) -> None:
    facts = load_facts(DEFAULT_DATA_DIR)
    plotly_js = Path(plotly.__file__).parent.joinpath("package_data", "plotly.min.js").read_text()
    config = chart_config("benchmark")
    rows = []
    with launch_chromium() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.set_content("<html><body><div id='host' style='width:900px'></div></body></html>")
        page.add_script_tag(content=plotly_js)
        page.evaluate(_DRAW)
        for name, before, after, width in changes(facts):
            page.evaluate("(width) => { document.getElementById('host').style.width = width + 'px'; }", width or 900)
            figures = [_as_drawn(before, width), _as_drawn(after, width)]
            page.evaluate("([f, c]) => fresh(f, c)", [figures[0], config])
            anew, in_place = [], []
            # Every draw is a change (after, before, after, ...); the ways take turns two draws at a
            # time, so that each is timed in both directions.
            for turn in range(2 * repeats):
                target = figures[(turn + 1) % 2]
                way, times = ("inPlace", in_place) if (turn // 2) % 2 else ("fresh", anew)
                times.append(page.evaluate(f"([f, c]) => {way}(f, c)", [target, config]))
            rows.append((name, statistics.median(anew), statistics.median(in_place)))
    print(f"medians of {repeats} draws per change and way; newPlot is the baseline, measured in the same run\n")
    print("| change | newPlot ms | react ms | react / newPlot |\n|---|---:|---:|---:|")
    for name, anew_ms, in_place_ms in rows:
        print(f"| {name} | {anew_ms:.1f} | {in_place_ms:.1f} | {in_place_ms / anew_ms:.2f} |")
    ratios = sorted(in_place / anew for _name, anew, in_place in rows)
    print(f"\nmedian ratio {statistics.median(ratios):.2f} (range {ratios[0]:.2f}-{ratios[-1]:.2f})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
