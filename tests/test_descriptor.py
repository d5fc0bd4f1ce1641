"""A malformed datapackage.yaml gives problems, never an exception: the corpus of bad descriptors
(tests/descriptor_corpus.py) against the project's loader and against Frictionless, and Hypothesis
putting a value of another type at any place of the real descriptor."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from frictionless import validate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.datapackage import DESCRIPTOR_NAME, parse_descriptor
from core.facts import load_facts
from core.problems import DataError
from tests.descriptor_corpus import (
    ACCEPTED,
    CASES,
    DELETE,
    DESCRIPTOR,
    INVALID,
    RAISES,
    VALID,
    Accepted,
    Case,
    schema,
    write,
)


def frictionless_says(data_dir: Path) -> str:
    """INVALID or VALID, as `frictionless validate` reports the package; RAISES if it raises instead."""
    try:
        report = validate(str(data_dir / "datapackage.yaml"))
    except Exception:  # some wrong types make Frictionless raise: the corpus records which
        return RAISES
    return VALID if report.valid else INVALID


def test_the_corpus_says_why_for_each_difference() -> None:
    for case in CASES:
        assert (case.frictionless != INVALID) == bool(case.why), case.name
    for variant in ACCEPTED:
        assert (variant.frictionless != VALID) == bool(variant.why), variant.name
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_project_names_the_problem_of_each_bad_descriptor(case: Case, data_copy: Path) -> None:
    case.write(data_copy)
    with pytest.raises(DataError) as caught:  # any other exception fails the test
        load_facts(data_copy)
    problems = caught.value.problems
    matching = [p for p in problems if p.column == case.where and case.words in p.expected]
    assert matching, f"no problem at {case.where!r} saying {case.words!r}; got {[str(p) for p in problems]}"
    assert all(p.file == DESCRIPTOR_NAME for p in problems)
    # One mistake, one problem: no echo of it in the checks that depend on the broken value.
    assert len(problems) == 1, [str(p) for p in problems]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_frictionless_agrees_or_the_difference_is_recorded(case: Case, data_copy: Path) -> None:
    case.write(data_copy)
    said = frictionless_says(data_copy)
    assert said == case.frictionless, f"Frictionless now says {said}; update the case ({case.why or 'agreed before'})"


@pytest.mark.parametrize("variant", ACCEPTED, ids=lambda variant: variant.name)
def test_variants_of_the_standard_load(variant: Accepted, data_copy: Path) -> None:
    write(variant.change, data_copy)
    load_facts(data_copy)
    assert frictionless_says(data_copy) == variant.frictionless, variant.why


def test_a_table_the_dashboard_reads_without_a_primary_key_gives_a_problem(data_copy: Path) -> None:
    # Its rows are named by their key (translations.csv, links, citations): without one the
    # Russian pages could not find a row's translation.
    write(schema("flow_kinds", primaryKey=DELETE), data_copy)
    with pytest.raises(DataError) as raised:
        load_facts(data_copy)
    assert [str(p) for p in raised.value.problems] == [
        "datapackage.yaml: a primaryKey in resource 'flow_kinds' (its rows are named by it)"
    ]


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path to every node of a parsed descriptor: the root, each mapping value, each list item."""
    places = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            places += _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            places += _places(value, (*path, index))
    return places


PLACES = _places(DESCRIPTOR)
# Every kind of value YAML can give: scalars (dates too), and lists and mappings of them, with keys
# that need not be text.
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12), st.dates())
KEYS = st.one_of(st.text(max_size=8), st.integers(), st.booleans(), st.none())
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3), max_leaves=6
)
_GONE = object()


def _node(descriptor: Any, path: tuple[Any, ...]) -> Any:
    """The node at `path`, or _GONE when an earlier change removed it."""
    for step in path:
        in_mapping = isinstance(descriptor, dict) and step in descriptor
        if not in_mapping and not (isinstance(descriptor, list) and isinstance(step, int) and step < len(descriptor)):
            return _GONE
        descriptor = descriptor[step]
    return descriptor


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_value_of_another_type_anywhere_gives_problems_not_an_exception(data: st.DataObject) -> None:
    descriptor = copy.deepcopy(DESCRIPTOR)
    for _change in range(data.draw(st.integers(1, 3), label="changes")):
        place = data.draw(st.sampled_from(PLACES), label="place")
        old = _node(descriptor, place)
        if old is _GONE:
            continue
        if place and data.draw(st.integers(0, 3), label="remove instead") == 0:
            del _node(descriptor, place[:-1])[place[-1]]
            continue
        new = data.draw(VALUES.filter(lambda value, old=old: type(value) is not type(old)), label="new value")
        if place:
            _node(descriptor, place[:-1])[place[-1]] = new
        else:
            descriptor = new
    try:
        parse_descriptor(descriptor)  # a change the standard allows (a name for a list of names) reads
    except DataError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.file == DESCRIPTOR_NAME and problem.expected
            str(problem)  # the message a person reads can be written
