"""docs/links.md's parameter tables, generated from the page registry (core.pages).

`python -m scripts.links_doc` rewrites them; tests/test_docs.py fails while the file is stale.
"""

from __future__ import annotations

import re

from core.pages import PAGES


def with_tables(text: str) -> str:
    """`text` with each page's table between its `<!-- params:PAGE -->` markers; every page must have them."""
    for page in PAGES:
        if page.params is None:
            continue
        start, end = f"<!-- params:{page.slug} -->", f"<!-- /params:{page.slug} -->"
        pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
        found = pattern.search(text)
        if not found:
            raise ValueError(f"docs/links.md has no {start} … {end} markers for /{page.url_path}")
        # Spliced in as it is (a replacement string would read the table's backslashes as escapes).
        text = text[: found.start()] + f"{start}\n{page.params.docs_table()}\n{end}" + text[found.end() :]
    return text
