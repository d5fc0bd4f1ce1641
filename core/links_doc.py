"""docs/links.md's parameter tables, generated from the pages' registries (core.params).

`python -m scripts.links_doc` rewrites them; tests/test_docs.py fails while the file is stale.
"""

from __future__ import annotations

import re

from core import aid, timeline
from core.compare import params as compare_params
from core.params import PageParams

REGISTRIES: tuple[PageParams, ...] = (aid.params.PARAMS, timeline.params.PARAMS, compare_params.PARAMS)


def with_tables(text: str) -> str:
    """`text` with each page's table between its `<!-- params:PAGE -->` markers; every page must have them."""
    for registry in REGISTRIES:
        start, end = f"<!-- params:{registry.page} -->", f"<!-- /params:{registry.page} -->"
        pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
        found = pattern.search(text)
        if not found:
            raise ValueError(f"docs/links.md has no {start} … {end} markers for /{registry.page}")
        # Spliced in as it is (a replacement string would read the table's backslashes as escapes).
        text = text[: found.start()] + f"{start}\n{registry.docs_table()}\n{end}" + text[found.end() :]
    return text
