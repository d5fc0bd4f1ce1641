"""Bad descriptors: each case is one change to the bundled datapackage.yaml, with the problem the
project reports and what Frictionless (`frictionless validate`, 5.21) says of the same file.

The corpus documents where the two agree. Where they differ, the case says so (`frictionless` is
VALID or RAISES instead of INVALID) and why; tests/test_descriptor.py checks both sides, so a new
release of either that changes its mind fails there. The differences fall into four kinds:

- the dashboard reads a part of the standard (one CSV file per table, inline schemas, three field
  types, six constraints, the empty cell as the only missing value, foreign keys of one field) and
  refuses the rest rather than check less than the descriptor asks;
- the dashboard is stricter where a value is almost surely a mistake (a key naming a field twice),
  or where strictness keeps the reader safe (YAML aliases);
- Frictionless casts or passes over a value the dashboard wants typed (`minimum: "1"`, a null
  minimum, a unit that is not text);
- Frictionless raises an exception on some wrong types (a string `reference`, a null field, a
  minimum that is not a number, a pattern that does not compile): both refuse the file, but only
  the dashboard says why.
"""

from __future__ import annotations

import copy
import datetime
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import DATA_DIR

INVALID, VALID, RAISES = "invalid", "valid", "raises"  # what Frictionless says of a descriptor
DELETE = object()  # as a value in a change: remove the key
DESCRIPTOR_TEXT = (DATA_DIR / "datapackage.yaml").read_text(encoding="utf-8")
DESCRIPTOR = yaml.safe_load(DESCRIPTOR_TEXT)


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[Any], Any]  # the parsed descriptor -> the changed one
    where: str | None  # the place the project's problem names (its `column`)
    words: str  # words the project's problem says
    frictionless: str = INVALID  # INVALID, or a difference: VALID, or RAISES an exception
    why: str = ""  # for a difference: why the two disagree
    text: Callable[[str], str] | None = None  # a change to the YAML text instead (aliases, nesting)
    files: Callable[[Path], None] | None = None  # files the case adds to the data directory

    def write(self, data_dir: Path) -> None:
        """Break the copy of the bundled data in `data_dir` as this case says."""
        text = self.text(DESCRIPTOR_TEXT) if self.text is not None else None
        write(self.change, data_dir, text)
        if self.files is not None:
            self.files(data_dir)


def write(change: Callable[[Any], Any], data_dir: Path, text: str | None = None) -> None:
    """Write the bundled descriptor, changed, into `data_dir` (or `text` instead, when given)."""
    if text is None:
        text = yaml.safe_dump(change(copy.deepcopy(DESCRIPTOR)), sort_keys=False, allow_unicode=True)
    (data_dir / "datapackage.yaml").write_text(text, encoding="utf-8")


def _index(resource: str) -> int:
    return next(i for i, r in enumerate(DESCRIPTOR["resources"]) if r["name"] == resource)


def at(resource: str, field: str | None = None) -> str:
    """The place of a resource, or of one of its fields, as the project's problems name it."""
    where = f"resources[{_index(resource)}]"
    if field is None:
        return where
    fields = DESCRIPTOR["resources"][_index(resource)]["schema"]["fields"]
    return f"{where}.schema.fields[{next(i for i, f in enumerate(fields) if f['name'] == field)}]"


def _setting(find: Callable[[Any], dict[str, Any]], values: dict[str, Any]) -> Callable[[Any], Any]:
    def change(descriptor: Any) -> Any:
        target = find(descriptor)
        for key, value in values.items():
            if value is DELETE:
                del target[key]
            else:
                target[key] = value
        return descriptor

    return change


def package(**values: Any) -> Callable[[Any], Any]:
    return _setting(lambda d: d, values)


def licence(index: int, /, **values: Any) -> Callable[[Any], Any]:
    return _setting(lambda d: d["licenses"][index], values)


def resource(name: str, /, **values: Any) -> Callable[[Any], Any]:
    return _setting(lambda d: d["resources"][_index(name)], values)


def schema(name: str, /, **values: Any) -> Callable[[Any], Any]:
    return _setting(lambda d: d["resources"][_index(name)]["schema"], values)


def field(name: str, field_name: str, /, **values: Any) -> Callable[[Any], Any]:
    def find(descriptor: Any) -> dict[str, Any]:
        return next(f for f in descriptor["resources"][_index(name)]["schema"]["fields"] if f["name"] == field_name)

    return _setting(find, values)


def constraint(name: str, field_name: str, /, **values: Any) -> Callable[[Any], Any]:
    def find(descriptor: Any) -> dict[str, Any]:
        fields = descriptor["resources"][_index(name)]["schema"]["fields"]
        return next(f for f in fields if f["name"] == field_name).setdefault("constraints", {})

    return _setting(find, values)


def foreign_key(name: str, index: int, /, **values: Any) -> Callable[[Any], Any]:
    return _setting(lambda d: d["resources"][_index(name)]["schema"]["foreignKeys"][index], values)


def reference(name: str, index: int, /, **values: Any) -> Callable[[Any], Any]:
    return _setting(lambda d: d["resources"][_index(name)]["schema"]["foreignKeys"][index]["reference"], values)


def item(container: Callable[[Any], list[Any]], index: int, value: Any) -> Callable[[Any], Any]:
    """Replace one item of a list (a resource, a field, a licence, a foreign key)."""

    def change(descriptor: Any) -> Any:
        container(descriptor)[index] = value
        return descriptor

    return change


def _fields(name: str) -> Callable[[Any], list[Any]]:
    return lambda d: d["resources"][_index(name)]["schema"]["fields"]


def _copy_to_subfolder(data_dir: Path) -> None:
    (data_dir / "tables").mkdir()
    shutil.copy(data_dir / "statuses.csv", data_dir / "tables" / "statuses.csv")


def _schema_file(data_dir: Path) -> None:
    inline = DESCRIPTOR["resources"][_index("statuses")]["schema"]
    (data_dir / "statuses.schema.json").write_text(json.dumps(inline), encoding="utf-8")


STATUSES, LABEL, FIRMNESS = at("statuses"), at("statuses", "label"), at("statuses", "firmness")
STATUS, URL, MEMBERSHIPS = at("statuses", "status"), at("sources", "url"), at("memberships")
KEY = f"{MEMBERSHIPS}.schema.foreignKeys[0]"  # memberships.group_code -> actors.code
TEXT = "text (in quotes"
COMPOSITE = {"fields": ["group_code", "member_code"],
             "reference": {"resource": "", "fields": ["group_code", "member_code"]}}  # fmt: skip


def _same(descriptor: Any) -> Any:
    return descriptor


def _keys(descriptor: Any) -> list[Any]:
    return descriptor["resources"][_index("memberships")]["schema"]["foreignKeys"]


# fmt: off
CASES = [
    # --- the file and the package ---
    Case("not a mapping", _same, None, "a YAML mapping", text=lambda t: "- sources\n- actors\n"),
    Case("YAML syntax error", _same, None, "valid YAML", text=lambda t: t.replace("resources:\n", "resources: [\n", 1)),
    Case("YAML alias", _same, None, "YAML aliases", text=lambda t: "x: &a [1]\ny: *a\n" + t, frictionless=VALID,
         why="the project refuses every alias before parsing, so that an alias bomb cannot expand"),
    Case("nesting 5000 deep", _same, None, "levels of nesting", text=lambda t: f"x: {'[' * 5000}{']' * 5000}\n{t}"),
    Case("package name a number", package(name=5), "name", TEXT),
    Case("package name with capitals", package(name="Japan Facts"), "name", "lower-case letters"),
    Case("package title a list", package(title=["Japan"]), "title", TEXT),
    Case("package title a date", package(title=datetime.date(2024, 1, 1)), "title", TEXT),
    Case("licences a string", package(licenses="CC-BY-4.0"), "licenses", "a list of licences"),
    Case("licence a string", item(lambda d: d["licenses"], 0, "CC-BY-4.0"), "licenses[0]", "a list of licences"),
    Case("licence without name or path", item(lambda d: d["licenses"], 0, {"title": "CC BY"}), "licenses[0]",
         "a name or a path"),
    Case("licence name a number", licence(0, name=4), "licenses[0].name", TEXT),
    Case("resources a string", package(resources="sources"), "resources", "a non-empty list"),
    Case("resources null", package(resources=None), "resources", "a non-empty list"),
    Case("resources missing", package(resources=DELETE), "resources", "a non-empty list"),
    Case("resources empty", package(resources=[]), "resources", "a non-empty list", frictionless=VALID,
         why="a package of no tables is a Data Package, but the dashboard has nothing to show"),
    # --- a resource ---
    Case("resource a string", item(lambda d: d["resources"], 3, "statuses"), STATUSES, "a resource with a name"),
    Case("resource null", item(lambda d: d["resources"], 3, None), STATUSES, "a resource with a name"),
    Case("resource without a name", resource("statuses", name=DELETE), STATUSES, "a resource with a name"),
    Case("resource name a number", resource("statuses", name=3), f"{STATUSES}.name", TEXT),
    Case("resource name with capitals", resource("statuses", name="Statuses"), f"{STATUSES}.name", "lower-case"),
    Case("resource listed twice", lambda d: d["resources"].append(copy.deepcopy(d["resources"][3])) or d, "resources",
         "each resource name once"),
    Case("resource title a number", resource("statuses", title=7), f"{STATUSES}.title", TEXT),
    Case("resource description null", resource("statuses", description=None), f"{STATUSES}.description", TEXT),
    Case("resource encoding a number", resource("statuses", encoding=8), f"{STATUSES}.encoding", TEXT),
    Case("resource encoding latin-1", resource("statuses", encoding="latin-1"), f"{STATUSES}.encoding",
         "encoding utf-8", frictionless=VALID,
         why="the dashboard reads UTF-8 only; it refuses a table declared otherwise rather than misread it"),
    Case("resource format a number", resource("statuses", format=1), f"{STATUSES}.format", TEXT),
    Case("path a number", resource("statuses", path=5), f"{STATUSES}.path", "a plain file name"),
    Case("path null", resource("statuses", path=None), f"{STATUSES}.path", "a plain file name"),
    Case("path missing", resource("statuses", path=DELETE), STATUSES, "a resource with a name and a path"),
    Case("path outside the directory", resource("statuses", path="../data/statuses.csv"), f"{STATUSES}.path",
         "a plain file name"),
    Case("path absolute", resource("statuses", path="/etc/passwd"), f"{STATUSES}.path", "a plain file name"),
    Case("path a list", resource("statuses", path=["statuses.csv"]), f"{STATUSES}.path", "a plain file name",
         frictionless=VALID, why="Frictionless reads a list of paths as one table in several files; the project, one"),
    Case("path in a subfolder", resource("statuses", path="tables/statuses.csv"), f"{STATUSES}.path",
         "a plain file name", files=_copy_to_subfolder, frictionless=VALID,
         why="Frictionless reads any relative path inside the package's folder; the project takes plain file names, "
             "the simplest rule that keeps every read inside the data directory"),
    # --- a schema ---
    Case("schema missing", resource("statuses", schema=DELETE), f"{STATUSES}.schema", "an inline schema"),
    Case("schema a list", resource("statuses", schema=["status"]), f"{STATUSES}.schema", "an inline schema"),
    Case("schema a file", resource("statuses", schema="statuses.schema.json"), f"{STATUSES}.schema",
         "an inline schema", files=_schema_file, frictionless=VALID,
         why="Frictionless loads a schema from a file; the project reads it inline"),
    Case("fields missing", schema("statuses", fields=DELETE), f"{STATUSES}.schema.fields", "an inline schema"),
    Case("fields a mapping", schema("statuses", fields={"status": "string"}), f"{STATUSES}.schema.fields",
         "an inline schema"),
    Case("missingValues a string", schema("statuses", missingValues=""), f"{STATUSES}.schema.missingValues",
         'missingValues [""]'),
    Case("missingValues NA", schema("statuses", missingValues=["", "NA"]), f"{STATUSES}.schema.missingValues",
         'missingValues [""]', frictionless=VALID,
         why="the validator knows only the empty cell as missing; it refuses NA rather than read it as text"),
    # --- a field ---
    Case("field a string", item(_fields("statuses"), 1, "label"), LABEL, "to have a name"),
    Case("field null", item(_fields("statuses"), 1, None), LABEL, "to have a name", frictionless=RAISES,
         why="Frictionless raises TypeError on a null field"),
    Case("field without a name", field("statuses", "label", name=DELETE), f"{LABEL}.name", "to have a name"),
    Case("field name a number", field("statuses", "label", name=2), f"{LABEL}.name", "to have a name"),
    Case("field name twice", field("statuses", "label", name="description"), f"{STATUSES}.schema.fields",
         "each field name once"),
    Case("type a number", field("statuses", "label", type=1), f"{LABEL}.type", "a field type among"),
    Case("type unknown", field("statuses", "label", type="text"), f"{LABEL}.type", "a field type among"),
    Case("type any", field("statuses", "label", type="any"), f"{LABEL}.type", "a field type among",
         frictionless=VALID, why="the project reads string, integer and number fields only"),
    Case("title a number", field("statuses", "label", title=3), f"{LABEL}.title", TEXT),
    Case("description null", field("statuses", "label", description=None), f"{LABEL}.description", TEXT),
    Case("unit a number", field("statuses", "label", unit=1), f"{LABEL}.unit", TEXT, frictionless=VALID,
         why="unit is the project's own property; Frictionless lets it be anything"),
    Case("format a number", field("statuses", "label", format=1), f"{LABEL}.format", TEXT),
    Case("format uri", field("sources", "url", format="uri"), f"{URL}.format", "format default", frictionless=VALID,
         why="the validator checks no format; it refuses one rather than pass over it"),
    # --- constraints ---
    Case("constraints a list", field("statuses", "label", constraints=[1, 2]), f"{LABEL}.constraints",
         "as a mapping of"),
    Case("constraints a string", field("statuses", "label", constraints="required"), f"{LABEL}.constraints",
         "as a mapping of"),
    Case("constraints null", field("statuses", "label", constraints=None), f"{LABEL}.constraints", "as a mapping of"),
    Case("required a string", constraint("statuses", "label", required="yes"), f"{LABEL}.constraints.required",
         "true or false"),
    Case("unique a number", constraint("statuses", "status", unique=1), f"{STATUS}.constraints.unique",
         "true or false"),
    Case("minimum the text of a number", constraint("statuses", "firmness", minimum="1"),
         f"{FIRMNESS}.constraints.minimum", "a number", frictionless=VALID,
         why="Frictionless casts '1' with the field's type; the project wants the number itself"),
    Case("minimum null", constraint("statuses", "firmness", minimum=None), f"{FIRMNESS}.constraints.minimum",
         "a number", frictionless=VALID, why="Frictionless reads a null minimum as none; the project wants a number"),
    Case("minimum a word", constraint("statuses", "firmness", minimum="one"), f"{FIRMNESS}.constraints.minimum",
         "a number", frictionless=RAISES,
         why="Frictionless raises TypeError comparing cells with a minimum it could not cast"),
    Case("maximum not a number", constraint("statuses", "firmness", maximum=float("nan")),
         f"{FIRMNESS}.constraints.maximum", "a number", frictionless=RAISES, why="as for a minimum that is a word"),
    Case("minimum on a text field", constraint("statuses", "label", minimum=1), f"{LABEL}.constraints.minimum",
         "type string"),
    Case("enum a string", constraint("statuses", "label", enum="Realised"), f"{LABEL}.constraints.enum",
         "a non-empty list of texts"),
    Case("enum empty", constraint("statuses", "label", enum=[]), f"{LABEL}.constraints.enum",
         "a non-empty list of texts"),
    Case("enum of numbers on a text field", constraint("statuses", "label", enum=[1, 2]),
         f"{LABEL}.constraints.enum", "a non-empty list of texts"),
    Case("enum on a number field", constraint("statuses", "firmness", enum=[1, 2, 3, 4, 5, 6]),
         f"{FIRMNESS}.constraints.enum", "type integer", frictionless=VALID,
         why="the validator checks enum on text fields only"),
    Case("pattern a number", constraint("statuses", "label", pattern=5), f"{LABEL}.constraints.pattern",
         "a regular expression"),
    Case("pattern not a regular expression", constraint("statuses", "label", pattern="["),
         f"{LABEL}.constraints.pattern", "a valid regular expression", frictionless=RAISES,
         why="Frictionless raises re.error on a pattern that does not compile"),
    Case("pattern on a number field", constraint("statuses", "firmness", pattern="[0-9]+"),
         f"{FIRMNESS}.constraints.pattern", "type integer"),
    Case("text cut at a comma", field("statuses", "label", **{"in our words.": None}),
         f"{LABEL}.in our words.", "a text with a comma needs quotes", frictionless=VALID,
         why="a field may carry properties of its own; a property of no value is a YAML slip Frictionless allows"),
    Case("maxLength a word", constraint("statuses", "label", maxLength="long"), f"{LABEL}.constraints.maxLength",
         "a whole number >= 0"),
    Case("maxLength on a number field", constraint("statuses", "firmness", maxLength=3),
         f"{FIRMNESS}.constraints.maxLength", "type integer"),
    Case("constraint misspelt", constraint("statuses", "label", requried=True), f"{LABEL}.constraints.requried",
         "type string"),
    Case("minLength", constraint("statuses", "label", minLength=1), f"{LABEL}.constraints.minLength", "type string",
         frictionless=VALID, why="the validator does not check minLength; it refuses it rather than pass over it"),
    # --- keys ---
    Case("primaryKey a number", schema("statuses", primaryKey=5), f"{STATUSES}.schema.primaryKey",
         "a field name or a list"),
    Case("primaryKey a mapping", schema("statuses", primaryKey={"status": 1}), f"{STATUSES}.schema.primaryKey",
         "a field name or a list"),
    Case("primaryKey null", schema("statuses", primaryKey=None), f"{STATUSES}.schema.primaryKey",
         "a field name or a list"),
    Case("primaryKey of an unknown field", schema("statuses", primaryKey=["nope"]), f"{STATUSES}.schema.primaryKey",
         "among its fields"),
    Case("primaryKey names a field twice", schema("statuses", primaryKey=["status", "status"]),
         f"{STATUSES}.schema.primaryKey", "each field once in a key", frictionless=VALID,
         why="Frictionless accepts a repeated key field; the project refuses it as a mistake"),
    Case("foreignKeys a mapping", schema("memberships", foreignKeys={"fields": "group_code"}),
         f"{MEMBERSHIPS}.schema.foreignKeys", "a list of foreign keys"),
    Case("foreignKeys null", schema("memberships", foreignKeys=None), f"{MEMBERSHIPS}.schema.foreignKeys",
         "a list of foreign keys"),
    Case("foreign key a string", item(_keys, 0, "group_code"), KEY, "a foreign key: a mapping"),
    Case("reference a string", foreign_key("memberships", 0, reference="actors"), f"{KEY}.reference",
         "a reference: a mapping", frictionless=RAISES,
         why="Frictionless raises AttributeError on a reference that is not a mapping"),
    Case("reference null", foreign_key("memberships", 0, reference=None), f"{KEY}.reference",
         "a reference: a mapping", frictionless=RAISES, why="as for a reference that is a string"),
    Case("reference missing", foreign_key("memberships", 0, reference=DELETE), f"{KEY}.reference",
         "a reference: a mapping"),
    Case("key fields missing", foreign_key("memberships", 0, fields=DELETE), KEY, "with matching field lists"),
    Case("key fields a number", foreign_key("memberships", 0, fields=5), f"{KEY}.fields", "a field name or a list"),
    Case("key field unknown", foreign_key("memberships", 0, fields=["nope"]), f"{KEY}.fields", "among its fields"),
    Case("reference resource a number", reference("memberships", 0, resource=1), f"{KEY}.reference.resource", TEXT),
    Case("reference resource unknown", reference("memberships", 0, resource="nope"), f"{KEY}.reference.resource",
         "a resource that exists"),
    Case("reference fields missing", reference("memberships", 0, fields=DELETE), KEY, "with matching field lists"),
    Case("reference fields null", reference("memberships", 0, fields=None), f"{KEY}.reference.fields",
         "a field name or a list"),
    Case("reference field unknown", reference("memberships", 0, fields=["nope"]), f"{KEY}.reference.fields",
         "fields of 'actors'"),
    Case("field lists of different lengths", reference("memberships", 0, fields=["code", "name"]), KEY,
         "with matching field lists"),
    Case("foreign key of two fields", item(_keys, 0, COMPOSITE), KEY, "a foreign key of one field",
         frictionless=VALID, why="the validator checks foreign keys of one field only"),
]
# fmt: on


@dataclass(frozen=True)
class Accepted:
    """A variant the project reads; not a mistake, and Frictionless reads it too unless it says otherwise."""

    name: str
    change: Callable[[Any], Any]
    frictionless: str = VALID
    why: str = ""


SELF_REFERENCE = {"fields": ["member_code"], "reference": {"resource": "", "fields": ["member_code"]}}
ACCEPTED = [
    Accepted("primaryKey a single name", schema("statuses", primaryKey="status")),
    Accepted("key fields a single name", foreign_key("memberships", 0, fields="group_code")),
    Accepted("reference fields a single name", reference("memberships", 0, fields="code")),
    Accepted("a foreign key to its own table", schema("memberships", foreignKeys=[SELF_REFERENCE])),
    Accepted("no missingValues", schema("statuses", missingValues=DELETE)),
    Accepted("no constraints", field("statuses", "description", constraints=DELETE)),
    # Frictionless reads no type as `any`, the project as `string`: for a CSV cell, the same text.
    Accepted("no type", field("statuses", "label", type=DELETE)),
    Accepted(
        "a fractional minimum on a whole-number field",
        constraint("statuses", "firmness", minimum=0.5),
        frictionless=RAISES,
        why="Frictionless casts the minimum with the field's type and raises TypeError on 0.5; the project compares "
        "numbers, so firmness >= 0.5 is a check it can make",
    ),
]
