"""The one cached loader of the facts, and the error panel a page shows instead of a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st

from core import i18n
from core.facts import DATA_DIR_VARIABLE, Facts, data_dir_from_env, fingerprint, load_facts
from core.i18n import _, current_language, ngettext
from core.problems import DataError
from core.translations import localise


# NOTE: cache_resource, not cache_data: the tables are shared read-only by every session instead of
# being unpickled on each rerun. The fingerprint (file names, sizes, mtimes) makes an edit reload.
@st.cache_resource(max_entries=4, show_spinner=False)
def _cached_facts(data_dir: str, stamp: tuple[tuple[str, int, int], ...]) -> Facts:
    return load_facts(Path(data_dir))


# One copy of the facts per language, its translated words in place (quotes and numbers shared).
@st.cache_resource(max_entries=8, show_spinner=False)
def _localised(version: str, data_dir: str, language: str, _facts: Facts) -> Facts:
    return localise(_facts, language)


def current_facts(language: str) -> Facts:
    """The validated facts of $DASHBOARD_DATA_DIR in `language`, shared with every session (the
    pages and the API read the same copy); raises DataError or OSError when they cannot be read."""
    data_dir = data_dir_from_env()
    facts = _cached_facts(str(data_dir), fingerprint(data_dir))
    return _localised(facts.version, str(data_dir), language, facts)


def facts_or_stop() -> Facts:
    """The validated facts; on bad data, the list of problems on the page and the script stops."""
    data_dir = data_dir_from_env()
    try:
        with st.spinner(_("Reading and checking the data…")):
            return current_facts(current_language())
    except DataError as err:
        show_problems(data_dir, err)
    except OSError as err:
        st.error(
            _("Could not read the data in {data_dir}: {reason}. Check the path in {variable}.").format(
                data_dir=data_dir, reason=err.strerror or err, variable=DATA_DIR_VARIABLE
            )
        )
    except Exception as err:  # a case the validator does not know yet: still no traceback on the page
        st.error(
            _(
                "The data in {data_dir} could not be read ({error}). Run `python -m dashboard validate` on it, "
                "and report the case so the validator can name it."
            ).format(data_dir=data_dir, error=type(err).__name__)
        )
    st.stop()
    raise AssertionError("unreachable: st.stop() ends the script")


def show_problems(data_dir: Path, err: DataError) -> None:
    count = len(err.problems)
    st.error(
        ngettext(
            "The data in `{data_dir}` has {n} problem, listed below.",
            "The data in `{data_dir}` has {n} problems, listed below.",
            count,
        ).format(data_dir=data_dir, n=i18n.number(count))
        + " "
        + _("Fix them in the files named, then reload this page. `python -m dashboard validate` prints the same list.")
    )
    headings = {"file": _("file"), "row": _("row"), "column": _("column"), "found": _("found"),
                "expected": _("expected")}  # fmt: skip
    table = pd.DataFrame(
        [
            {headings["file"]: p.file, headings["row"]: p.row, headings["column"]: p.column,
             headings["found"]: p.value, headings["expected"]: p.expected}
            for p in err.problems
        ]
    )  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch")


T = TypeVar("T")
D = TypeVar("D")
F = TypeVar("F")


@st.cache_resource(max_entries=32)
def _derived(name: str, version: str, data_dir: str, language: str, _facts: Facts, _build: Callable[[Facts], T]) -> T:
    return _build(_facts)


def derived(facts: Facts, build: Callable[[Facts], T]) -> T:
    """`build(facts)` computed once per data version and language, and shared read-only
    (filter-independent work)."""
    name = f"{build.__module__}.{build.__qualname__}"
    return _derived(name, facts.version, str(facts.data_dir), facts.language, facts, build)


# How many filter states' results are kept, across all pages and sessions. Each is small (figures
# and at most SHOWN_ROWS rows of a table), so this bounds memory to tens of MB whatever the data.
SHARED_VIEWS = 32


@st.cache_resource(max_entries=SHARED_VIEWS, show_spinner=False)
def _for_filters(
    name: str,
    data_name: str,
    version: str,
    data_dir: str,
    language: str,
    state: str,
    _data: D,
    _filters: F,
    _build: Callable[[D, F], T],
) -> T:
    return _build(_data, _filters)


def for_filters(facts: Facts, build: Callable[[D, F], T], data: Callable[[Facts], D], filters: F) -> T:
    """`build(derived(facts, data), filters)` computed once per data version and filter state, and
    shared read-only by every session: the default view every visitor opens, a link colleagues open,
    a filter toggled back. `data` is the filter-independent view `build` reads (as `derived` takes
    it) and `filters` a frozen dataclass, whose repr names every field, so the key holds everything
    the result depends on. `build` must return a small result (figures, short tables), never a big
    filtered frame.

    NOTE: the key names the data by what derives it from which facts (version, directory, language),
    never by the object: a result keyed on the filters alone would serve one data set's figures for
    another's. `build` and `data` are module-level functions: their qualified names are in the key."""
    name, data_name = (f"{f.__module__}.{f.__qualname__}" for f in (build, data))
    shared = derived(facts, data)
    return _for_filters(
        name, data_name, facts.version, str(facts.data_dir), facts.language, repr(filters), shared, filters, build
    )


def forget_filter_states() -> None:
    """Empty the per-filter-state cache (benchmarks measure a first visit with it)."""
    _for_filters.clear()
