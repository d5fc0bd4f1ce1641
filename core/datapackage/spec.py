"""What the dashboard knows of a Data Package: frozen dataclasses read from its descriptor (read.py)."""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import _, pgettext

SUPPORTED_TYPES = {"string", "integer", "number"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    title: str
    description: str
    unit: str
    required: bool = False
    unique: bool = False
    minimum: float | None = None
    maximum: float | None = None
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    max_length: int | None = None

    def expectation(self) -> str:
        """Describe in words what a valid value of this field looks like (in the run's language)."""
        kinds = {
            "integer": _("a whole number"),
            "number": _("a number"),
            "string": pgettext("a kind of value", "text"),
        }
        parts = [kinds[self.type]]
        if self.enum:
            parts = [_("one of {values}").format(values=", ".join(self.enum))]
        if self.minimum is not None:
            parts.append(f">= {self.minimum:g}")
        if self.maximum is not None:
            parts.append(f"<= {self.maximum:g}")
        if self.pattern:
            parts.append(_("matching {pattern}").format(pattern=self.pattern))
        if self.max_length is not None:
            parts.append(_("of at most {count} characters").format(count=self.max_length))
        return " ".join(parts)


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class ResourceSpec:
    name: str
    path: str
    title: str
    description: str
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


@dataclass(frozen=True)
class LicenseSpec:
    """A licence of the package, in the Frictionless form: a name or a path (a URL), and a title."""

    name: str = ""
    path: str = ""
    title: str = ""

    def descriptor(self) -> dict[str, str]:
        """The licence as a Data Package descriptor states it, without the keys it leaves out."""
        return {key: value for key, value in vars(self).items() if value}


@dataclass(frozen=True)
class PackageSpec:
    name: str
    title: str
    description: str
    resources: tuple[ResourceSpec, ...]
    licenses: tuple[LicenseSpec, ...] = ()

    @property
    def resource_names(self) -> tuple[str, ...]:
        """The tables, in the descriptor's order."""
        return tuple(r.name for r in self.resources)

    def resource(self, name: str) -> ResourceSpec:
        return next(r for r in self.resources if r.name == name)
