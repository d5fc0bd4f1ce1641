"""Command line: `python -m dashboard validate [DIR]` checks a data directory (no Streamlit needed)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.facts import data_dir_from_env, load_facts
from core.problems import DataError
from core.translations import check_translations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a data directory and list every problem")
    validate.add_argument("data_dir", nargs="?", type=Path, help="default: $DASHBOARD_DATA_DIR or data/")
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
    counts = ", ".join(f"{len(frame):,} {name}" for name, frame in facts.tables.items())
    print(f"{data_dir}: valid ({counts}; data version {facts.version})")
    return 0
