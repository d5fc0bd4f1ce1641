"""The Data Package descriptor (`datapackage.yaml`): `read` checks the file, `checks` every value in
it, and both build the frozen dataclasses of `spec`, which the validator and the pages read."""

from core.datapackage.checks import DESCRIPTOR_NAME, parse_descriptor
from core.datapackage.read import MAX_DESCRIPTOR_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES, raw_descriptor, read_descriptor
from core.datapackage.spec import SUPPORTED_TYPES, FieldSpec, ForeignKey, LicenseSpec, PackageSpec, ResourceSpec

__all__ = [
    "DESCRIPTOR_NAME",
    "MAX_DESCRIPTOR_BYTES",
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "SUPPORTED_TYPES",
    "FieldSpec",
    "ForeignKey",
    "LicenseSpec",
    "PackageSpec",
    "ResourceSpec",
    "parse_descriptor",
    "raw_descriptor",
    "read_descriptor",
]
