"""Command line: `python -m dashboard validate [DIR]` checks a data directory (no Streamlit needed)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.evidence import check_documents
from core.facts import REPO_ROOT, data_dir_from_env, load_facts
from core.problems import DataError
from core.translations import check_translations

# The shared folder beside the clone, where the seed's text lives (sources.csv `document`).
DOCUMENTS_DIR = REPO_ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a data directory and list every problem")
    validate.add_argument("data_dir", nargs="?", type=Path, help="default: $DASHBOARD_DATA_DIR or data/")
    validate.add_argument(
        "--documents", type=Path, default=DOCUMENTS_DIR,
        help="where the sources' `document` copies are, to check their quotes (default: ../shared)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    data_dir = args.data_dir or data_dir_from_env()
    try:
        facts = load_facts(data_dir)
    except DataError as err:
        print(f"{data_dir}: {len(err.problems)} problem(s)", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    # Checked here, not on every load: the dashboard still runs without a translation (it shows
    # the English), but the data is not complete.
    untranslated = check_translations(facts)
    if untranslated:
        print(f"{data_dir}: {len(untranslated)} translation problem(s)", file=sys.stderr)
        for problem in untranslated:
            print(f"  {problem}", file=sys.stderr)
        return 1
    # The quotes of a source the project holds a copy of stand verbatim where their locator says.
    misquoted, unread = check_documents(facts.sources, facts.evidence, args.documents)
    for path in unread:
        print(f"{data_dir}: quotes not checked: no copy at {path}", file=sys.stderr)
    if misquoted:
        print(f"{data_dir}: {len(misquoted)} quote problem(s)", file=sys.stderr)
        for problem in misquoted:
            print(f"  {problem}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(frame):,} {name}" for name, frame in facts.tables.items())
    print(f"{data_dir}: valid ({counts}; data version {facts.version})")
    return 0
