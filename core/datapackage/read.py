"""Read `datapackage.yaml` (a Frictionless Data Package descriptor) into the dataclasses of spec.py.

Only the parts of the Table Schema standard that this project uses are understood; anything the
validator relies on is checked here so that a broken descriptor gives a clear problem list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from core import i18n
from core.datapackage.spec import SUPPORTED_TYPES, FieldSpec, ForeignKey, LicenseSpec, PackageSpec, ResourceSpec
from core.i18n import _
from core.problems import DataError, Problem

DESCRIPTOR_NAME = "datapackage.yaml"
# NOTE: checked before parsing, so a huge or hostile descriptor never reaches the YAML parser.
MAX_DESCRIPTOR_BYTES = 1_000_000
MAX_YAML_NODES = 50_000


def read_descriptor(data_dir: Path) -> PackageSpec:
    """Parse the descriptor of `data_dir`, raising DataError with every problem found."""
    path = data_dir / DESCRIPTOR_NAME
    raw = _read_yaml(path)
    problems: list[Problem] = []
    package = _parse_package(raw, problems)
    if problems or package is None:
        raise DataError(problems)
    return package


def _read_yaml(path: Path) -> dict[str, Any]:
    name = path.name
    if not path.is_file():
        raise DataError([Problem(name, _("a Data Package descriptor at {path}").format(path=path))])
    size = path.stat().st_size
    if size > MAX_DESCRIPTOR_BYTES:
        expected = _("a descriptor under {limit} bytes, not {size}").format(
            limit=i18n.number(MAX_DESCRIPTOR_BYTES), size=i18n.number(size)
        )
        raise DataError([Problem(name, expected)])
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        expected = _("UTF-8 text (byte {position} is not valid UTF-8)").format(position=err.start)
        raise DataError([Problem(name, expected)]) from err
    try:
        _check_yaml_shape(text)
        raw = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        reason = getattr(err, "problem", None) or str(err)
        raise DataError([Problem(name, _("valid YAML ({reason})").format(reason=reason), row=row)]) from err
    if not isinstance(raw, dict):
        raise DataError([Problem(name, _("a YAML mapping with name, title and resources"))])
    return raw


def _check_yaml_shape(text: str) -> None:
    """Refuse aliases and oversized documents before building any Python object."""
    for nodes, event in enumerate(yaml.parse(text, Loader=yaml.SafeLoader), start=1):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark  # the parser marks every event it makes; typed as optional
            # NOTE: the message is the reason a problem shows, so it is in the run's language.
            if mark is None:
                raise yaml.YAMLError(_("YAML aliases (*name) are not allowed"))
            raise yaml.YAMLError(_("YAML aliases (*name) are not allowed (line {line})").format(line=mark.line + 1))
        if nodes > MAX_YAML_NODES:
            raise yaml.YAMLError(_("more than {limit} YAML nodes").format(limit=i18n.number(MAX_YAML_NODES)))


def _parse_package(raw: dict[str, Any], problems: list[Problem]) -> PackageSpec | None:
    resources_raw = raw.get("resources")
    if not isinstance(resources_raw, list) or not resources_raw:
        problems.append(Problem(DESCRIPTOR_NAME, _("a non-empty list under 'resources'"), column="resources"))
        return None
    resources = []
    for index, item in enumerate(resources_raw):
        resource = _parse_resource(item, index, problems)
        if resource is not None:
            resources.append(resource)
    names = [r.name for r in resources]
    for name in {n for n in names if names.count(n) > 1}:
        problems.append(Problem(DESCRIPTOR_NAME, _("each resource name once"), column="resources", value=name))
    for resource in resources:
        for key in resource.foreign_keys:
            if key.resource not in names:
                problems.append(
                    Problem(
                        DESCRIPTOR_NAME,
                        _("a foreign key of '{resource}' to a resource that exists").format(resource=resource.name),
                        column="foreignKeys",
                        value=key.resource,
                    )
                )
    return PackageSpec(
        name=str(raw.get("name", "")),
        title=str(raw.get("title", "")),
        description=str(raw.get("description", "")),
        resources=tuple(resources),
        licenses=_parse_licenses(raw.get("licenses", []), problems),
    )


def _parse_licenses(raw: Any, problems: list[Problem]) -> tuple[LicenseSpec, ...]:
    expected = _("a list of licences, each with a name or a path (and a title)")
    if not isinstance(raw, list):
        problems.append(Problem(DESCRIPTOR_NAME, expected, column="licenses"))
        return ()
    licenses = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or not (item.get("name") or item.get("path")):
            problems.append(Problem(DESCRIPTOR_NAME, expected, column=f"licenses[{index}]"))
            continue
        licenses.append(LicenseSpec(**{key: str(item.get(key) or "") for key in ("name", "path", "title")}))
    return tuple(licenses)


def _parse_resource(item: Any, index: int, problems: list[Problem]) -> ResourceSpec | None:
    where = f"resources[{index}]"
    if not isinstance(item, dict) or not item.get("name") or not item.get("path"):
        problems.append(Problem(DESCRIPTOR_NAME, _("a resource with a name and a path"), column=where))
        return None
    name, path = str(item["name"]), str(item["path"])
    if "/" in path or "\\" in path or path.startswith("."):
        # NOTE: a path outside the data directory would let a descriptor read any file.
        problems.append(
            Problem(DESCRIPTOR_NAME, _("a plain file name inside the data directory"), column=where, value=path)
        )
        return None
    schema = item.get("schema")
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        expected = _("an inline schema with a list of fields for '{resource}'").format(resource=name)
        problems.append(Problem(DESCRIPTOR_NAME, expected, column=where))
        return None
    fields = []
    for field_raw in schema["fields"]:
        field = _parse_field(field_raw, name, problems)
        if field is not None:
            fields.append(field)
    field_names = {f.name for f in fields}
    primary_key = _as_tuple(schema.get("primaryKey"))
    foreign_keys = []
    for key_raw in schema.get("foreignKeys", []) or []:
        reference = key_raw.get("reference", {}) if isinstance(key_raw, dict) else {}
        key = ForeignKey(
            fields=_as_tuple(key_raw.get("fields") if isinstance(key_raw, dict) else None),
            resource=str(reference.get("resource", "")),
            reference_fields=_as_tuple(reference.get("fields")),
        )
        if not key.fields or len(key.fields) != len(key.reference_fields):
            problems.append(
                Problem(
                    DESCRIPTOR_NAME,
                    _("foreign keys of '{resource}' with matching field lists").format(resource=name),
                    column=where,
                )
            )
            continue
        foreign_keys.append(key)
    for key_field in (*primary_key, *(f for k in foreign_keys for f in k.fields)):
        if key_field not in field_names:
            problems.append(
                Problem(
                    DESCRIPTOR_NAME,
                    _("key fields of '{resource}' that are among its fields").format(resource=name),
                    value=key_field,
                )
            )
    return ResourceSpec(
        name=name,
        path=path,
        title=str(item.get("title", name)),
        description=str(item.get("description", "")),
        fields=tuple(fields),
        primary_key=primary_key,
        foreign_keys=tuple(foreign_keys),
    )


def _parse_field(raw: Any, resource: str, problems: list[Problem]) -> FieldSpec | None:
    if not isinstance(raw, dict) or not raw.get("name"):
        expected = _("each field of '{resource}' to have a name").format(resource=resource)
        problems.append(Problem(DESCRIPTOR_NAME, expected, value=str(raw)))
        return None
    name = str(raw["name"])
    field_type = str(raw.get("type", "string"))
    if field_type not in SUPPORTED_TYPES:
        problems.append(
            Problem(
                DESCRIPTOR_NAME,
                _("a field type among {types} for '{field}'").format(
                    types=", ".join(sorted(SUPPORTED_TYPES)), field=f"{resource}.{name}"
                ),
                value=field_type,
            )
        )
        return None
    constraints = raw.get("constraints") or {}
    enum = constraints.get("enum")
    return FieldSpec(
        name=name,
        type=field_type,
        title=str(raw.get("title", name)),
        description=str(raw.get("description", "")),
        unit=str(raw.get("unit", "")),
        required=bool(constraints.get("required", False)),
        unique=bool(constraints.get("unique", False)),
        minimum=_as_number(constraints.get("minimum")),
        maximum=_as_number(constraints.get("maximum")),
        enum=tuple(str(v) for v in enum) if isinstance(enum, list) else None,
        pattern=str(constraints["pattern"]) if constraints.get("pattern") else None,
    )


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _as_number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
