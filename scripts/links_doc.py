"""Rewrite the parameter tables of docs/links.md from the pages' registries.

Usage: python -m scripts.links_doc   (run after adding or changing a URL parameter)
"""

from __future__ import annotations

from pathlib import Path

from core.links_doc import with_tables

LINKS_DOC = Path(__file__).resolve().parents[1] / "docs" / "links.md"


def main() -> None:
    text = LINKS_DOC.read_text(encoding="utf-8")
    LINKS_DOC.write_text(with_tables(text), encoding="utf-8")
    print(f"wrote the parameter tables of {LINKS_DOC}")


if __name__ == "__main__":
    main()
