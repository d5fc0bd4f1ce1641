"""The CSV tables and datapackage.yaml agree, and a standard Frictionless tool accepts the package."""

from __future__ import annotations

import csv

import pytest
from frictionless import Package

from core.datapackage import read_descriptor
from tests.conftest import DATA_DIR

SPEC = read_descriptor(DATA_DIR)


@pytest.mark.parametrize("resource", SPEC.resources, ids=lambda r: r.name)
def test_table_header_matches_schema_column_for_column(resource) -> None:
    with (DATA_DIR / resource.path).open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == list(resource.field_names)


@pytest.mark.parametrize("resource", SPEC.resources, ids=lambda r: r.name)
def test_every_field_has_title_description_and_unit(resource) -> None:
    for field in resource.fields:
        assert field.title and field.description and field.unit, f"{resource.name}.{field.name}"


def test_no_stray_files_in_the_data_directory() -> None:
    listed = {r.path for r in SPEC.resources} | {"datapackage.yaml"}
    assert {p.name for p in DATA_DIR.iterdir()} == listed


def test_frictionless_validates_the_package() -> None:
    report = Package(str(DATA_DIR / "datapackage.yaml")).validate()
    errors = [error.message for task in report.tasks for error in task.errors] + [e.message for e in report.errors]
    assert report.valid, errors
