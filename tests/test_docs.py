"""The docs agree with the code: docs/links.md's parameter tables are the registries' own."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from core import aid
from core.links_doc import with_tables

DOCS = Path(__file__).resolve().parents[1] / "docs"
README = DOCS.parent / "README.md"


def test_links_doc_holds_the_tables_the_registries_make() -> None:
    text = (DOCS / "links.md").read_text(encoding="utf-8")
    assert text == with_tables(text), "docs/links.md is stale: run `python -m scripts.links_doc`"


def test_a_changed_registry_makes_the_docs_stale() -> None:
    """The check above can fail: a parameter documented differently is caught."""
    text = (DOCS / "links.md").read_text(encoding="utf-8")
    changed = dataclasses.replace(aid.params.PARAMS.param("scale"), doc_default="`log`")
    registry = dataclasses.replace(
        aid.params.PARAMS, params=tuple(changed if p.key == "scale" else p for p in aid.params.PARAMS.params)
    )
    assert registry.docs_table() != aid.params.PARAMS.docs_table()
    assert registry.docs_table() not in text


def test_the_readme_stays_short_and_links_the_docs() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text) < 6_000
    for doc in (
        "docs/links.md",
        "docs/data.md",
        "docs/testing.md",
        "docs/performance.md",
        "docs/deploy.md",
        "docs/citing.md",
        "docs/downloads.md",
        "docs/accessibility.md",
        "docs/translations.md",
        "docs/api.md",
    ):
        assert doc in text and (DOCS.parent / doc).is_file(), doc


def test_the_readmes_test_command_installs_what_ci_installs_from_debian() -> None:
    """CI installs what is missing of the README's Debian packages (Chromium, HAProxy, the charts'
    font): a package one adds and the other lacks would pass CI and fail a reader, or the reverse."""
    readme = README.read_text(encoding="utf-8")
    ci = (DOCS.parent / ".ci" / "run").read_text(encoding="utf-8")
    (readme_packages,) = re.findall(r"apt-get install -y ([\w .-]+?) &&", readme)
    assert set(readme_packages.split()) == set(re.findall(r"missing\+=\(([\w.-]+)\)", ci)) >= {"chromium"}
    testing = (DOCS / "testing.md").read_text(encoding="utf-8")
    assert f"apt-get install -y {readme_packages} &&" in testing  # the same command in the testing guide
