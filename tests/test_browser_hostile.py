"""Hostile text in every field, shown in Chromium: no script runs, no dialog opens, no live link."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from scripts.browser import assert_no_exception, running_dashboard, wait_for_app
from tests.hostile import poison

pytestmark = pytest.mark.browser

PATHS = ["/", "/aid", "/aid?chart=time", "/aid?per_year=1", "/timeline", "/timeline?event=E01", "/compare", "/sources"]


def test_no_script_runs_on_any_page(browser: Browser, data_copy: Path, tmp_path: Path) -> None:
    poison(data_copy)
    log = tmp_path / "server.log"
    dialogs: list[str] = []
    with running_dashboard(env={"DASHBOARD_DATA_DIR": str(data_copy)}, log_path=log) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in PATHS:
            page.goto(url + path)
            wait_for_app(page)
            assert_no_exception(page)
            # Hover every chart point, where data text turns into hover HTML.
            for point in page.locator(".scatterlayer path.point, .barlayer path").all()[:30]:
                box = point.bounding_box()
                if box:
                    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            assert page.locator('img[src="x"]').count() == 0, path
            assert page.locator('a[href^="javascript"]').count() == 0, path
            assert page.locator('img[src^="http://example.invalid"]').count() == 0, path
            assert page.locator("script:text('alert')").count() == 0, path
        body = page.locator('[data-testid="stMain"]').inner_text()
        context.close()
    assert dialogs == []
    assert "<script>alert('x')</script>" in body or "Sources" in body  # the last page shows text as text
    assert "Traceback" not in log.read_text()
