"""One description per URL parameter: the registry every page's link, widgets and docs derive from.

A page declares its parameters once, as a `PageParams` of `Param`s. From that one entry come:
reading a link (`read`), writing the address bar and permalinks (`to_query`), the filters in words
for a download's README (`summary`), each widget's session key (`widget_key`) and the table in
docs/links.md (`docs_table`, which stays English). Adding a parameter is adding a `Param` and a
field of the same name to the page's filters dataclass; nothing else is written by hand.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from core import i18n
from core.formatting import chosen_names
from core.i18n import N_, _, pgettext
from core.url_state import EMPTY_LIST, LANGUAGE_PARAM, VERSION_PARAM, QueryReader, flag_value, year_range_value

if TYPE_CHECKING:
    from _typeshed import DataclassInstance  # what dataclasses.fields() takes; exists for type checkers only

Opts = TypeVar("Opts")  # a page's options: what its filters can take, read from the data
F = TypeVar("F", bound="DataclassInstance")  # a page's filters: a frozen dataclass, one field per parameter

Kind = Literal["choices", "choice", "flag", "years", "text"]


@dataclass(frozen=True)
class Param(Generic[Opts]):
    """One URL parameter and the filter field it sets.

    `values(options)` gives the allowed ids and their labels (choices, choice); `default(options)`
    the value when a link does not state it; `bounds(options)` the years a range may take.

    NOTE: `label`, `help`, `summary_name`, `summary_note` and fixed choices' labels are English,
    marked with N_() where a registry defines them; the widgets and `summary` show them through _().
    """

    key: str  # in the URL
    field: str  # the filters dataclass's field, and the widget key's suffix
    kind: Kind
    label: str  # the widget's label
    doc_values: str  # docs/links.md: what the parameter takes
    doc_default: str  # docs/links.md: the default in words
    default: Callable[[Opts], Any]
    values: Callable[[Opts], Mapping[str, str]] | None = None
    bounds: Callable[[Opts], tuple[int, int]] | None = None
    help: str | None = None
    max_length: int = 200  # text: longer input is shortened, with a notice
    # The download README's name for this filter; None leaves it out (a view setting, not a filter).
    summary_name: str | None = None
    summary_note: str = ""  # words after the value, e.g. how the year range is applied
    in_panel: bool = True  # False: the page draws its widget itself (the timeline's event details list)

    def read(self, reader: QueryReader, options: Opts) -> Any:
        default = self.default(options)
        if self.kind == "choices":
            return reader.choices(self.key, list(self._values(options)), default)
        if self.kind == "choice":
            return reader.choice(self.key, list(self._values(options)), default)
        if self.kind == "flag":
            return reader.flag(self.key, default)
        if self.kind == "years":
            assert self.bounds is not None, f"{self.key}: a years parameter needs bounds"
            return reader.year_range(self.key, self.bounds(options), default)
        return reader.text(self.key, default, max_length=self.max_length)

    def encode(self, value: Any) -> str | tuple[str, ...]:
        """The value as the URL states it: every value explicit, an empty list as `key=`."""
        if self.kind == "choices":
            return tuple(value) or EMPTY_LIST
        if self.kind == "flag":
            return flag_value(bool(value))
        if self.kind == "years":
            return year_range_value(value)
        return str(value)

    def words(self, value: Any, options: Opts) -> str:
        """The value in words, for a download's README, in the run's language."""
        if self.kind == "choices":
            text = chosen_names(tuple(value), self.labels(options)) if value else pgettext("nothing chosen", "none")
        elif self.kind == "choice":
            text = str(self.labels(options).get(value, value))
        elif self.kind == "flag":
            text = _("kept") if value else _("dropped")
        elif self.kind == "years":
            text = year_range_value(value)
        else:
            text = str(value) or _("(none)")
        return f"{text} {translated(self.summary_note)}".strip()

    def labels(self, options: Opts) -> dict[str, str]:
        """The allowed ids and their labels in the run's language (a fixed choice's English goes
        through _(); the data's labels arrive translated, and _() leaves them as they are)."""
        return {key: translated(label) for key, label in self._values(options).items()}

    def _values(self, options: Opts) -> Mapping[str, str]:
        assert self.values is not None, f"{self.key}: a {self.kind} parameter needs its values"
        return self.values(options)


def translated(text: Any) -> Any:
    """`text` through _() when it is English a registry marked; anything else as it is (the data's
    labels are already translated, and _("") would give the catalogue's header)."""
    return _(text) if isinstance(text, str) and text else text


def list_param(
    key: str,
    field: str,
    label: str,
    *,
    doc_values: str,
    values: Callable[[Any], Mapping[str, str]] | None = None,
    default: Callable[[Any], tuple[str, ...]] | None = None,
    doc_default: str = "all",
    help: str | None = None,
    summary_name: str | None = None,
) -> Param:
    """Several of a set of ids: by default the options' attribute named `field`, all of them chosen.
    The README names the filter `summary_name` (English, marked with N_()), by default `field`."""
    labels = values or attrgetter(field)
    return Param(key, field, "choices", label, doc_values, doc_default, values=labels, help=help,
                 default=default or (lambda options: tuple(labels(options))),
                 summary_name=summary_name or field)  # fmt: skip


def choice_param(
    key: str, label: str, choices: Mapping[str, str], default: str, doc_values: str, summary_name: str | None = None
) -> Param:
    """One of a fixed set of choices; a view setting (no `summary_name`) is left out of the download's summary."""
    return Param(key, key, "choice", label, doc_values, f"`{default}`", values=lambda options: choices,
                 default=lambda options: default, summary_name=summary_name)  # fmt: skip


def flag_param(
    key: str, label: str, default: bool, doc_values: str, summary_name: str | None = None, help: str | None = None
) -> Param:
    return Param(key, key, "flag", label, doc_values, f"`{flag_value(default)}`", default=lambda options: default,
                 summary_name=summary_name, help=help)  # fmt: skip


def years_param(*, help: str, summary_note: str, doc_values: str) -> Param:
    """The year range every page has: within the data's span (`options.years`), all of it by default."""
    span = attrgetter("years")
    return Param("years", "years", "years", N_("Years"), doc_values, "the data's span", default=span, bounds=span,
                 help=help, summary_name=N_("years"), summary_note=summary_note)  # fmt: skip


def undated_param(doc_values: str) -> Param:
    """Whether facts with no stated period are kept (they overlap no year range)."""
    return flag_param("undated", N_("Include figures with no stated period"), True, doc_values,
                      summary_name=N_("figures with no stated period"))  # fmt: skip


@dataclass(frozen=True)
class PageParams(Generic[Opts, F]):
    """A page's parameters, in the order the URL, the widgets and the docs list them."""

    page: str  # the page's url_path ("" for the default page)
    prefix: str  # widget keys are f"{prefix}_{field}"
    filters: type[F]
    params: tuple[Param[Opts], ...]
    notes: tuple[tuple[str, str], ...] = ()  # fixed lines of the download README's summary

    def __post_init__(self) -> None:
        fields = {f.name for f in dataclasses.fields(self.filters)}
        declared = [p.field for p in self.params]
        if set(declared) != fields or len(declared) != len(fields):
            raise TypeError(f"{self.page}: parameters {declared} do not match the fields of {self.filters.__name__}")
        keys = [p.key for p in self.params]
        if len(set(keys)) != len(keys):
            raise TypeError(f"{self.page}: a URL key is declared twice in {keys}")

    def defaults(self, options: Opts) -> F:
        return self.filters(**{p.field: p.default(options) for p in self.params})

    def read(self, reader: QueryReader, options: Opts) -> F:
        """The filters a link states; what it leaves out takes the default."""
        return self.filters(**{p.field: p.read(reader, options) for p in self.params})

    def to_query(self, filters: F) -> dict[str, str | tuple[str, ...]]:
        """Every value explicit, so the link keeps its meaning if a default changes."""
        return {p.key: p.encode(getattr(filters, p.field)) for p in self.params}

    def summary(self, filters: F, options: Opts) -> dict[str, str]:
        """The filters in words, for a download's README, in the run's language."""
        return {_(p.summary_name): p.words(getattr(filters, p.field), options) for p in self.params if p.summary_name}

    def widget_key(self, field: str) -> str:
        """The session key of the field's widget. In a language other than English it names the
        language: Streamlit's widgets keep the option labels they were first drawn with, so after a
        switch of language the page draws new widgets, seeded from the URL (which holds the view)."""
        language = i18n.current_language()
        return f"{self.prefix}_{field}" if language == i18n.ENGLISH else f"{self.prefix}_{field}_{language}"

    def widget_values(self, filters: F) -> dict[str, Any]:
        """Session-state values for the page's widgets, keyed as the widgets are."""
        return {self.widget_key(p.field): getattr(filters, p.field) for p in self.params}

    def param(self, field: str) -> Param[Opts]:
        return next(p for p in self.params if p.field == field)

    def docs_table(self) -> str:
        """The Markdown table of docs/links.md for this page (scripts/links_doc.py writes it)."""
        rows = [(f"`{p.key}`", p.doc_values, p.doc_default) for p in self.params]
        language = ("`en` or `ru`: the interface's language (every page)", "the browser's language if `ru`, else `en`")
        rows.append((f"`{LANGUAGE_PARAM}`", *language))
        rows.append((f"`{VERSION_PARAM}`", "data version the link was made with (a permalink states it)", "none"))
        lines = ["| parameter | values | default |", "|---|---|---|"]
        lines += [f"| {key} | {values} | {default} |" for key, values, default in rows]
        return "\n".join(lines)
