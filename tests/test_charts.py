"""Every chart on every page is drawn with the one toolbar (PNG download only) and a PNG named after its view."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from components.charts import chart_config
from core.export import chart_file_stem
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
