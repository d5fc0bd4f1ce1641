"""Keep the interface's translations current: `python -m scripts.translations update|compile|init LANG`.

update:  extract every `_()`, `ngettext()`, `pgettext()`, `N_()` string of core/, components/ and
         dashboard/ into core/locales/messages.pot, and merge it into each language's .po (new strings
         arrive untranslated; changed ones are marked fuzzy). Then translate them in the .po.
compile: write each .po's compiled .mo, which the app reads (tests/test_translations.py checks both).
init:    start a new language's .po from the template (then add the code to core.i18n.LANGUAGES).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core.i18n import DOMAIN, LOCALES_DIR

REPO_ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["core", "components", "dashboard"]
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"
# Without locations, a moved line does not change the catalogue; the msgids are what matter.
EXTRACT = ["extract", "-F", "babel.cfg", "--no-location", "--sort-output", "--omit-header", "-o", str(TEMPLATE)]


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "--quiet", *args], cwd=REPO_ROOT, check=True)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] not in {"update", "compile", "init"} or (args[0] == "init") != (len(args) == 2):
        print(__doc__, file=sys.stderr)
        return 2
    if args[0] in {"update", "init"}:
        pybabel(*EXTRACT, *SOURCES)
    if args[0] == "update":
        # (The template has no locations, so neither has the merged .po.)
        pybabel("update", "-i", str(TEMPLATE), "-d", str(LOCALES_DIR), "-D", DOMAIN, "--ignore-obsolete",
                "--ignore-pot-creation-date")  # fmt: skip
    if args[0] == "init":
        pybabel("init", "-i", str(TEMPLATE), "-d", str(LOCALES_DIR), "-D", DOMAIN, "-l", args[1])
    if args[0] == "compile":
        pybabel("compile", "-d", str(LOCALES_DIR), "-D", DOMAIN, "--statistics")
    return 0


if __name__ == "__main__":
    sys.exit(main())
