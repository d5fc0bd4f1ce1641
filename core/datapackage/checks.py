"""Check a descriptor as YAML gives it, value by value, and build the dataclasses of spec.py.

Nothing in it is trusted: a value of the wrong type at any place is a problem that names the place
(`resources[6].schema.fields[3].constraints`), the value found and what was expected, never an
exception. So is a property the validator would pass over while the descriptor asks for it: a
constraint or field format it does not check, missing values other than the empty cell, a foreign
key of several fields. tests/descriptor_corpus.py lists bad descriptors with the problem each gives,
and where (and why) the Frictionless tools judge them otherwise.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import yaml

from core.datapackage.spec import SUPPORTED_TYPES, FieldSpec, ForeignKey, LicenseSpec, PackageSpec, ResourceSpec
from core.i18n import _
from core.problems import DataError, Problem

DESCRIPTOR_NAME = "datapackage.yaml"
# A field's properties the reader checks one by one; any other is the field's own, kept as it is.
FIELD_PROPERTIES = {"name", "type", "format", "title", "description", "unit", "constraints"}
# The constraints the validator checks, by field type; any other is a problem, not passed over.
CONSTRAINTS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "string": ("required", "unique", "enum", "pattern", "maxLength"),
        "integer": ("required", "unique", "minimum", "maximum"),
        "number": ("required", "unique", "minimum", "maximum"),
    }
)
NAME_RULE = re.compile(r"[-a-z0-9._/]+")  # Frictionless's rule for package and resource names


def parse_descriptor(raw: object) -> PackageSpec:
    """The package `raw` describes; DataError with every problem found if it is not a valid one."""
    reader = _Reader()
    package = reader.package(raw)
    if reader.problems or package is None:
        raise DataError(reader.problems)
    return package


_ABSENT = object()  # a key the descriptor leaves out, as opposed to one it sets to null


class _Reader:
    """Read a descriptor's values, adding a problem for each one of the wrong type or shape.

    NOTE: a part with problems is still read, with defaults, and the checks that would only repeat
    a problem are skipped (a key naming a field that had no readable name): each mistake is
    reported once. parse_descriptor never returns what such a reading built.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.unnamed = False  # a resource could not be read: a foreign key to it names no known resource
        self.unreadable: set[str] = set()  # resources with a field (or schema) that could not be read
        self.references: list[tuple[str, str, ForeignKey]] = []  # (where, resource, key), checked last

    def report(self, where: str, expected: str, value: object = _ABSENT) -> None:
        shown = None if value is _ABSENT else _shown(value)
        self.problems.append(Problem(DESCRIPTOR_NAME, expected, column=where or None, value=shown))

    def wrong(self, raw: dict[Any, Any], key: str, where: str, expected: str) -> None:
        """Report `raw[key]` (or its absence) as not what was expected."""
        self.report(_at(where, key), expected, raw.get(key, _ABSENT))

    def text(self, raw: dict[Any, Any], key: str, where: str, default: str = "") -> str:
        """An optional text property: its value, or `default` when it is absent or not text."""
        value = raw.get(key, default)
        if isinstance(value, str):
            return value
        self.wrong(raw, key, where, _text())
        return default

    def name(self, raw: dict[Any, Any], where: str) -> str:
        """A package's or resource's name, as Frictionless requires it."""
        name = self.text(raw, "name", where)
        if isinstance(raw.get("name"), str) and not NAME_RULE.fullmatch(name):
            expected = _("a name of lower-case letters, digits and - . _ / (as Frictionless requires)")
            self.wrong(raw, "name", where, expected)
        return name if NAME_RULE.fullmatch(name) else ""

    def package(self, raw: object) -> PackageSpec | None:
        if not isinstance(raw, dict):
            self.report("", _("a YAML mapping with name, title and resources"), raw)
            return None
        name = self.name(raw, "") if "name" in raw else ""
        title, description = self.text(raw, "title", ""), self.text(raw, "description", "")
        for key in ("profile", "homepage", "version"):
            self.text(raw, key, "")
        licenses = self.licenses(raw.get("licenses", []))
        listed = raw.get("resources")
        if not isinstance(listed, list) or not listed:
            self.wrong(raw, "resources", "", _("a non-empty list under 'resources'"))
            return None
        resources = [r for i, item in enumerate(listed) if (r := self.resource(item, _at("resources", i)))]
        names = [r.name for r in resources if r.name]  # a name that is not one is reported already
        repeated = {n for n in names if names.count(n) > 1}
        for name in sorted(repeated):
            self.report("resources", _("each resource name once"), name)
        self.unreadable |= repeated  # a foreign key to a name used twice does not say which table it means
        self.check_references({r.name: r for r in resources})
        return PackageSpec(name, title, description, tuple(resources), licenses)

    def licenses(self, raw: object) -> tuple[LicenseSpec, ...]:
        expected = _("a list of licences, each with a name or a path (and a title)")
        if not isinstance(raw, list):
            self.report("licenses", expected, raw)
            return ()
        licenses = []
        for index, item in enumerate(raw):
            where = _at("licenses", index)
            if not isinstance(item, dict) or not (item.get("name") or item.get("path")):
                self.report(where, expected, _ABSENT if isinstance(item, dict) else item)
                continue
            name, path, title = (self.text(item, key, where) for key in ("name", "path", "title"))
            licenses.append(LicenseSpec(name=name, path=path, title=title))
        return tuple(licenses)

    def resource(self, raw: object, where: str) -> ResourceSpec | None:
        if not isinstance(raw, dict) or "name" not in raw or "path" not in raw:
            self.report(where, _("a resource with a name and a path"), _ABSENT if isinstance(raw, dict) else raw)
            self.unnamed = True
            return None
        name, path = self.name(raw, where), raw["path"]
        self.unnamed = self.unnamed or not name
        if not isinstance(path, str) or not path or "/" in path or "\\" in path or "\x00" in path or path[0] == ".":
            # NOTE: a path outside the data directory would let a descriptor read any file. A list
            # of paths (one table in several files) is Frictionless too, but not read here.
            self.wrong(raw, "path", where, _("a plain file name inside the data directory"))
            path = ""
        title, description = self.text(raw, "title", where, name), self.text(raw, "description", where)
        for key in ("profile", "mediatype"):
            self.text(raw, key, where)
        if self.text(raw, "format", where, "csv").lower() != "csv":
            self.wrong(raw, "format", where, _("format csv: the dashboard reads CSV files"))
        if self.text(raw, "encoding", where, "utf-8").lower() not in {"utf-8", "utf8"}:
            self.wrong(raw, "encoding", where, _("encoding utf-8: the dashboard reads UTF-8 files"))
        schema, at_schema = raw.get("schema"), _at(where, "schema")
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            expected = _("an inline schema with a list of fields for '{resource}'").format(resource=name)
            if isinstance(schema, dict):
                self.wrong(schema, "fields", at_schema, expected)
            else:
                self.wrong(raw, "schema", where, expected)
            self.unreadable.add(name)
            return ResourceSpec(name=name, path=path, title=title, description=description, fields=())
        fields = self.fields(schema["fields"], _at(at_schema, "fields"), name)
        known = None if name in self.unreadable else [f.name for f in fields]
        if schema.get("missingValues", [""]) != [""]:
            expected = _('missingValues [""]: an empty cell is the only missing value the dashboard reads')
            self.wrong(schema, "missingValues", at_schema, expected)
        primary_key = self.field_names(schema, "primaryKey", at_schema, name, known) or ()
        foreign_keys = self.foreign_keys(schema, at_schema, name, known)
        return ResourceSpec(name, path, title, description, fields, primary_key, foreign_keys)

    def fields(self, listed: list[Any], where: str, resource: str) -> tuple[FieldSpec, ...]:
        fields = [f for i, raw in enumerate(listed) if (f := self.field(raw, _at(where, i), resource))]
        if len(fields) < len(listed):
            self.unreadable.add(resource)
        names = [f.name for f in fields]
        for repeated in sorted({n for n in names if names.count(n) > 1}):
            self.report(where, _("each field name once in '{resource}'").format(resource=resource), repeated)
        return tuple(fields)

    def field(self, raw: object, where: str, resource: str) -> FieldSpec | None:
        expected = _("each field of '{resource}' to have a name").format(resource=resource)
        if not isinstance(raw, dict):
            self.report(where, expected, raw)
            return None
        name = raw.get("name")
        if not isinstance(name, str) or not name:
            self.wrong(raw, "name", where, expected)
            return None
        label = f"{resource}.{name}"
        for key in [k for k, v in raw.items() if v is None and k not in FIELD_PROPERTIES]:
            # YAML's flow mapping ends a text at its first comma, leaving the rest as a key of no value:
            # `{description: For aid, in our words.}` gives a key "in our words." that nobody meant.
            expected = _("a value for each property of '{field}' (a text with a comma needs quotes)")
            expected = expected.format(field=label)
            self.report(_at(where, str(key)), expected, key)
        field_type = raw.get("type", "string")
        if not isinstance(field_type, str) or field_type not in SUPPORTED_TYPES:
            types = ", ".join(sorted(SUPPORTED_TYPES))
            self.wrong(
                raw, "type", where, _("a field type among {types} for '{field}'").format(types=types, field=label)
            )
            field_type = "string"
        title, description = self.text(raw, "title", where, name), self.text(raw, "description", where)
        unit = self.text(raw, "unit", where)
        if self.text(raw, "format", where, "default") != "default":
            self.wrong(raw, "format", where, _("format default: the dashboard checks no other format"))
        constraints = self.constraints(raw, where, field_type, label)
        enum = constraints.get("enum")
        return FieldSpec(
            name=name,
            type=field_type,
            title=title,
            description=description,
            unit=unit,
            required=constraints.get("required", False),
            unique=constraints.get("unique", False),
            minimum=_finite(constraints.get("minimum")),
            maximum=_finite(constraints.get("maximum")),
            enum=tuple(enum) if enum is not None else None,
            pattern=constraints.get("pattern") or None,
            max_length=constraints.get("maxLength"),
        )

    def constraints(self, field: dict[Any, Any], where: str, field_type: str, label: str) -> dict[Any, Any]:
        """The constraints of a field that are right for its type; a problem for each other one."""
        raw = field.get("constraints", {})
        if not isinstance(raw, dict):
            names = ", ".join(CONSTRAINTS[field_type])
            expected = _("constraints of '{field}' as a mapping of {names}").format(field=label, names=names)
            self.wrong(field, "constraints", where, expected)
            return {}
        read = {}
        for key, value in raw.items():
            wrong = _constraint_problem(key, value, field_type)
            if wrong is None:
                read[key] = value
            else:
                self.report(_at(_at(where, "constraints"), str(key)), wrong, value)
        return read

    def field_names(
        self, raw: dict[Any, Any], key: str, where: str, resource: str, known: list[str] | None
    ) -> tuple[str, ...] | None:
        """A key's fields (one name or a list of names), each once and among `known` (when it is
        known); None when they are not names."""
        value = raw.get(key, [])
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            expected = _("a field name or a list of field names of '{resource}'").format(resource=resource)
            self.wrong(raw, key, where, expected)
            return None
        expected = _("key fields of '{resource}' that are among its fields").format(resource=resource)
        for name in [n for n in names if known is not None and n not in known]:
            self.report(_at(where, key), expected, name)
        for repeated in sorted({n for n in names if names.count(n) > 1}):
            self.report(_at(where, key), _("each field once in a key"), repeated)
        return tuple(names)

    def foreign_keys(
        self, schema: dict[Any, Any], where: str, resource: str, known: list[str] | None
    ) -> tuple[ForeignKey, ...]:
        listed = schema.get("foreignKeys", [])
        if not isinstance(listed, list):
            self.wrong(schema, "foreignKeys", where, _("a list of foreign keys, each with fields and a reference"))
            return ()
        keys = (
            self.foreign_key(item, _at(_at(where, "foreignKeys"), i), resource, known) for i, item in enumerate(listed)
        )
        return tuple(key for key in keys if key is not None)

    def foreign_key(self, raw: object, where: str, resource: str, known: list[str] | None) -> ForeignKey | None:
        if not isinstance(raw, dict):
            self.report(where, _("a foreign key: a mapping with fields and a reference"), raw)
            return None
        reference, at_reference = raw.get("reference"), _at(where, "reference")
        if not isinstance(reference, dict):
            expected = _("a reference: a mapping with the resource and the fields the key points to")
            self.wrong(raw, "reference", where, expected)
            return None
        fields = self.field_names(raw, "fields", where, resource, known)
        target = reference.get("resource", "")
        if not isinstance(target, str):
            self.wrong(reference, "resource", at_reference, _text())
            return None
        target = target or resource  # an empty or absent resource is the table itself, as in Frictionless
        reference_fields = self.field_names(reference, "fields", at_reference, target, known=None)
        if fields is None or reference_fields is None:
            return None
        if not fields or len(fields) != len(reference_fields):
            self.report(where, _("foreign keys of '{resource}' with matching field lists").format(resource=resource))
            return None
        if len(fields) > 1:
            self.report(where, _("a foreign key of one field: the dashboard checks no other"), " + ".join(fields))
            return None
        key = ForeignKey(fields=fields, resource=target, reference_fields=reference_fields)
        self.references.append((at_reference, resource, key))
        return key

    def check_references(self, resources: dict[str, ResourceSpec]) -> None:
        """Each foreign key points to a resource of the package, at fields it has."""
        for where, resource, key in self.references:
            target = resources.get(key.resource)
            if target is None and not self.unnamed:
                expected = _("a foreign key of '{resource}' to a resource that exists").format(resource=resource)
                self.report(_at(where, "resource"), expected, key.resource)
            elif target is not None and target.name not in self.unreadable:
                expected = _("fields of '{resource}' for a foreign key to point to").format(resource=target.name)
                for name in [n for n in key.reference_fields if n not in target.field_names]:
                    self.report(_at(where, "fields"), expected, name)


def _text() -> str:
    """What a text property expects. NOTE: YAML reads 5, 2024-01-01, yes and an empty value as a
    number, a date, true and null: quoting keeps them text."""
    return _("text (in quotes where YAML would read a number, a date, yes/no or null)")


def _at(where: str, key: str | int) -> str:
    """The place of a value in the descriptor, as a problem names it: resources[6].schema.fields[3]."""
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def _shown(value: object) -> str:
    """A value found in the descriptor, written as YAML writes it: null, true, [1, 2]."""
    if isinstance(value, str):
        return value
    try:
        text = yaml.safe_dump(value, default_flow_style=True, sort_keys=False, allow_unicode=True, width=1_000_000)
    except (yaml.YAMLError, RecursionError):
        return repr(value)
    return text.removesuffix("\n").removesuffix("\n...")


def _finite(value: object) -> float | None:
    """A number YAML gave, as a float; None for anything else, infinities and NaN included."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:  # a whole number past 1e308
        return None
    return number if math.isfinite(number) else None


def _constraint_problem(key: object, value: object, field_type: str) -> str | None:
    """What is wrong with one constraint of a field of `field_type`, in words; None if nothing is."""
    if key not in CONSTRAINTS[field_type]:
        names = ", ".join(CONSTRAINTS[field_type])
        return _("a constraint the dashboard checks on a field of type {type}: {names}").format(
            type=field_type, names=names
        )
    if key in ("required", "unique"):
        return None if isinstance(value, bool) else _("true or false")
    if key in ("minimum", "maximum"):
        return None if _finite(value) is not None else _("a number")
    if key == "maxLength":
        whole = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return None if whole else _("a whole number >= 0")
    if key == "enum":
        texts = isinstance(value, list) and value and all(isinstance(v, str) for v in value)
        return None if texts else _("a non-empty list of texts")
    if not isinstance(value, str):
        return _("a regular expression, as text")
    try:
        re.compile(value)
    except re.error as err:
        return _("a valid regular expression ({reason})").format(reason=err)
    return None
