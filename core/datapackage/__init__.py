"""The Data Package descriptor (`datapackage.yaml`): `read` checks the file and every value in it and
builds the frozen dataclasses of `spec`, which the validator and the pages read."""

from core.datapackage.read import DESCRIPTOR_NAME, MAX_DESCRIPTOR_BYTES, MAX_YAML_NODES, read_descriptor
from core.datapackage.spec import SUPPORTED_TYPES, FieldSpec, ForeignKey, LicenseSpec, PackageSpec, ResourceSpec

__all__ = [
    "DESCRIPTOR_NAME",
    "MAX_DESCRIPTOR_BYTES",
    "MAX_YAML_NODES",
    "SUPPORTED_TYPES",
    "FieldSpec",
    "ForeignKey",
    "LicenseSpec",
    "PackageSpec",
    "ResourceSpec",
    "read_descriptor",
]
