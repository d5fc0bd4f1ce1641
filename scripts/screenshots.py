"""Start the dashboard, open pages in Debian's Chromium and save full-page screenshots.

Usage: python -m scripts.screenshots OUT_DIR [PATH ...]   (paths like / or /sources?x=1)
Widths: 1400 and 800 px. Look at every PNG: a page that passes its tests but looks broken is broken.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from scripts.browser import launch_chromium, running_dashboard, wait_for_app


def main(out_dir: str, paths: list[str]) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with running_dashboard() as base_url, launch_chromium() as browser:
        for width in (1400, 800):
            page = browser.new_page(viewport={"width": width, "height": 900})
            for path in paths or ["/"]:
                page.goto(base_url + path)
                wait_for_app(page)
                name = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "overview"
                target = out / f"{name}-{width}.png"
                # NOTE: Streamlit scrolls inside its main block, so full_page alone clips the page;
                # grow the viewport to the content's height first.
                height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
                page.set_viewport_size({"width": width, "height": max(900, height)})
                wait_for_app(page)
                page.screenshot(path=target, full_page=True)
                page.set_viewport_size({"width": width, "height": 900})
                print(target)
            page.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
