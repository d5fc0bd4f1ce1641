"""Start the dashboard, open pages in Debian's Chromium and save full-page screenshots.

Usage: python -m scripts.screenshots [--widths 1400,320] OUT_DIR [PATH ...]   (paths like / or /sources?x=1)
Widths: 1400 and 800 px unless --widths names others (320 px: WCAG 1.4.10 reflow).
Look at every PNG: a page that passes its tests but looks broken is broken.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from scripts.browser import launch_chromium, running_dashboard, wait_for_app

DEFAULT_WIDTHS = (1400, 800)


def main(out_dir: str, paths: list[str], widths: tuple[int, ...] = DEFAULT_WIDTHS) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with running_dashboard() as base_url, launch_chromium() as browser:
        for width in widths:
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


def parse(argv: list[str]) -> tuple[str, list[str], tuple[int, ...]]:
    """OUT_DIR, the paths and the widths from the command line."""
    widths = DEFAULT_WIDTHS
    if argv[:1] == ["--widths"]:
        widths = tuple(int(width) for width in argv[1].split(","))
        argv = argv[2:]
    return argv[0], argv[1:], widths


if __name__ == "__main__":
    out_dir, paths, widths = parse(sys.argv[1:])
    main(out_dir, paths, widths)
