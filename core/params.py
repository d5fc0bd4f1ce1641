"""One description per URL parameter: the registry every page's link, widgets and docs derive from.

A page declares its parameters once, as a `PageParams` of `Param`s (one class per kind of value),
and the page registry (core.pages) names it. From that one entry come: reading a link (`read`),
writing the address bar and permalinks (`to_query`), the filters in words for a download's README
(`summary`), each widget (components.filters, by kind) and its session key (`Page.widget_key`),
and the table in docs/links.md (`docs_table`, which stays English). Adding a parameter is adding
a `Param` and a field of the same name to the page's filters dataclass; nothing else is written by
hand. The parameters every page has (`lang`, `v`) are declared here too (`EVERY_PAGE`).
"""

from __future__ import annotations

import dataclasses
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from core import i18n
from core.formatting import chosen_names
from core.i18n import N_, _, pgettext
from core.url_state import EMPTY_LIST, LANGUAGE_PARAM, VERSION_PARAM, QueryReader, flag_value, year_range_value

if TYPE_CHECKING:
    from _typeshed import DataclassInstance  # what dataclasses.fields() takes; exists for type checkers only

Opts = TypeVar("Opts")  # a page's options: what its filters can take, read from the data
F = TypeVar("F", bound="DataclassInstance")  # a page's filters: a frozen dataclass, one field per parameter


@dataclass(frozen=True, kw_only=True)
class Param(ABC, Generic[Opts]):
    """One URL parameter and the filter field it sets. One subclass per kind of value (a list, a
    choice, a flag, a year range, text): each reads itself from a link, writes itself back, says
    itself in words and documents itself. components.filters maps each kind to its widget.

    NOTE: `label`, `help`, `summary_name`, `summary_note` and fixed choices' labels are English,
    marked with N_() where a registry defines them; the widgets and `summary` show them through _().
    """

    key: str  # in the URL
    field: str  # the filters dataclass's field, and the widget key's suffix
    label: str  # the widget's label
    doc_values: str  # docs/links.md: what the parameter takes
    doc_default: str  # docs/links.md: the default in words
    default: Callable[[Opts], Any]  # the value when a link does not state it
    help: str | None = None
    # The download README's name for this filter; None leaves it out (a view setting, not a filter).
    summary_name: str | None = None
    summary_note: str = ""  # words after the value, e.g. how the year range is applied
    in_panel: bool = True  # False: the page draws its widget itself (the timeline's event details list)

    @abstractmethod
    def read(self, reader: QueryReader, options: Opts) -> Any:
        """The value a link states, or the default; what is wrong in it becomes a notice in `reader`."""

    def encode(self, value: Any) -> str | tuple[str, ...]:
        """The value as the URL states it: every value explicit."""
        return str(value)

    def value_words(self, value: Any, options: Opts) -> str:
        """The value in words, in the run's language."""
        return str(value) or _("(none)")

    def words(self, value: Any, options: Opts) -> str:
        """The value in words for a download's README, with the parameter's note."""
        return f"{self.value_words(value, options)} {translated(self.summary_note)}".strip()

    def docs_row(self) -> tuple[str, str, str]:
        """docs/links.md's row: the key, what it takes, its default."""
        return f"`{self.key}`", self.doc_values, self.doc_default


@dataclass(frozen=True, kw_only=True)
class _Labelled(Param[Opts]):
    """A parameter whose values are ids with labels (read from the data, or fixed)."""

    values: Callable[[Opts], Mapping[str, str]]  # the allowed ids and their labels

    def labels(self, options: Opts) -> dict[str, str]:
        """The allowed ids and their labels in the run's language (a fixed choice's English goes
        through _(); the data's labels arrive translated, and _() leaves them as they are)."""
        return {key: translated(label) for key, label in self.values(options).items()}


@dataclass(frozen=True, kw_only=True)
class ListParam(_Labelled[Opts]):
    """Several of a set of ids, as repeated keys (`c=KAZ&c=UZB`); an empty list is stated as `key=`."""

    def read(self, reader: QueryReader, options: Opts) -> tuple[str, ...]:
        return reader.choices(self.key, list(self.values(options)), self.default(options))

    def encode(self, value: Any) -> tuple[str, ...]:
        return tuple(value) or EMPTY_LIST

    def value_words(self, value: Any, options: Opts) -> str:
        return chosen_names(tuple(value), self.labels(options)) if value else pgettext("nothing chosen", "none")


@dataclass(frozen=True, kw_only=True)
class ChoiceParam(_Labelled[Opts]):
    """One of a set of ids."""

    def read(self, reader: QueryReader, options: Opts) -> str:
        return reader.choice(self.key, list(self.values(options)), self.default(options))

    def value_words(self, value: Any, options: Opts) -> str:
        return str(self.labels(options).get(value, value))


@dataclass(frozen=True, kw_only=True)
class FlagParam(Param[Opts]):
    """On or off, as `1` or `0`."""

    # The value in the download's summary, on and off (English, N_()): what it keeps. A flag that
    # narrows the view ("official sources only") says so; "kept" would read as its opposite.
    on_off: tuple[str, str] = (N_("kept"), N_("dropped"))

    def read(self, reader: QueryReader, options: Opts) -> bool:
        return reader.flag(self.key, self.default(options))

    def encode(self, value: Any) -> str:
        return flag_value(bool(value))

    def value_words(self, value: Any, options: Opts) -> str:
        return _(self.on_off[0] if value else self.on_off[1])


@dataclass(frozen=True, kw_only=True)
class YearsParam(Param[Opts]):
    """A range of years `first-last` within `bounds(options)`."""

    bounds: Callable[[Opts], tuple[int, int]]

    def read(self, reader: QueryReader, options: Opts) -> tuple[int, int]:
        return reader.year_range(self.key, self.bounds(options), self.default(options))

    def encode(self, value: Any) -> str:
        return year_range_value(value)

    def value_words(self, value: Any, options: Opts) -> str:
        return year_range_value(value)


@dataclass(frozen=True, kw_only=True)
class TextParam(Param[Opts]):
    """Free text, shortened to `max_length` with a notice."""

    max_length: int = 200

    def read(self, reader: QueryReader, options: Opts) -> str:
        return reader.text(self.key, self.default(options), max_length=self.max_length)


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
) -> ListParam:
    """Several of a set of ids: by default the options' attribute named `field`, all of them chosen.
    The README names the filter `summary_name` (English, marked with N_()), by default `field`."""
    labels = values or attrgetter(field)
    return ListParam(key=key, field=field, label=label, doc_values=doc_values, doc_default=doc_default, values=labels,
                     help=help, default=default or (lambda options: tuple(labels(options))),
                     summary_name=summary_name or field)  # fmt: skip


def choice_param(
    key: str, label: str, choices: Mapping[str, str], default: str, doc_values: str, summary_name: str | None = None
) -> ChoiceParam:
    """One of a fixed set of choices; a view setting (no `summary_name`) is left out of the download's summary."""
    return ChoiceParam(key=key, field=key, label=label, doc_values=doc_values, doc_default=f"`{default}`",
                       values=lambda options: choices, default=lambda options: default,
                       summary_name=summary_name)  # fmt: skip


def currency_param() -> ChoiceParam:
    """The one currency a page's money is shown in: amounts are never converted, so never drawn on
    one axis or added. `options.currencies` maps the data's ISO 4217 codes to their words."""
    return ChoiceParam(
        key="currency", field="currency", label=N_("Currency"), values=attrgetter("currencies"),
        default=lambda options: "USD" if "USD" in options.currencies else next(iter(options.currencies), "USD"),
        doc_values="an ISO 4217 code of the data (`USD`, `JPY`): money is shown in one currency at a time, as "
        "amounts are never converted", doc_default="`USD`", summary_name=N_("currency"),
    )  # fmt: skip


def flag_param(
    key: str,
    label: str,
    default: bool,
    doc_values: str,
    summary_name: str | None = None,
    help: str | None = None,
    **more: Any,
) -> FlagParam:
    return FlagParam(key=key, field=key, label=label, doc_values=doc_values, doc_default=f"`{flag_value(default)}`",
                     default=lambda options: default, summary_name=summary_name, help=help, **more)  # fmt: skip


def official_param() -> FlagParam:
    """Whether only the facts a government's own record states are kept (the aid page and the timeline)."""
    return flag_param("official", N_("Official sources only"), False,
                      "`1` keeps only the facts a government's own record states (sources of kind `government "
                      "record`); `0` keeps every source's", summary_name=N_("kinds of source"),
                      on_off=(N_("official only (a government's own record)"), N_("every kind")))  # fmt: skip


def years_param(*, help: str, summary_note: str, doc_values: str) -> YearsParam:
    """The year range every page has: within the data's span (`options.years`), all of it by default."""
    span = attrgetter("years")
    return YearsParam(key="years", field="years", label=N_("Years"), doc_values=doc_values,
                      doc_default="the data's span", default=span, bounds=span, help=help,
                      summary_name=N_("years"), summary_note=summary_note)  # fmt: skip


def text_param(key: str, field: str, label: str, *, max_length: int, doc_values: str, **more: Any) -> TextParam:
    """Free text, empty by default."""
    return TextParam(key=key, field=field, label=label, doc_values=doc_values, doc_default=more.pop("doc_default",
                     "empty"), default=lambda options: "", max_length=max_length, **more)  # fmt: skip


def undated_param(doc_values: str) -> FlagParam:
    """Whether facts with no stated period are kept (they overlap no year range)."""
    return flag_param("undated", N_("Include figures with no stated period"), True, doc_values,
                      summary_name=N_("figures with no stated period"))  # fmt: skip


# The parameters every page has besides its own. The app reads them before the page does (the
# language is chosen before any word is written; the version only names a change of data), so
# they are not filters: QueryReader.language and .version read them, and every link states them.
LANGUAGE: ChoiceParam = ChoiceParam(
    key=LANGUAGE_PARAM, field="language", label=N_("Language"), in_panel=False,
    doc_values="`en` or `ru`: the interface's language (every page)",
    doc_default="the browser's language if `ru`, else `en`",
    values=lambda options: dict.fromkeys(i18n.LANGUAGES, ""), default=lambda options: i18n.ENGLISH,
)  # fmt: skip
DATA_VERSION: TextParam = TextParam(
    key=VERSION_PARAM, field="version", label="Data version", in_panel=False,  # never drawn: not translated
    doc_values="data version the link was made with (a permalink states it)", doc_default="none",
    default=lambda options: "",
)  # fmt: skip
EVERY_PAGE: tuple[Param, ...] = (LANGUAGE, DATA_VERSION)


@dataclass(frozen=True)
class PageParams(Generic[Opts, F]):
    """A page's parameters, in the order the URL, the widgets and the docs list them."""

    filters: type[F]
    params: tuple[Param[Opts], ...]
    notes: tuple[tuple[str, str], ...] = ()  # fixed lines of the download README's summary

    def __post_init__(self) -> None:
        fields = {f.name for f in dataclasses.fields(self.filters)}
        declared = [p.field for p in self.params]
        if set(declared) != fields or len(declared) != len(fields):
            raise TypeError(f"parameters {declared} do not match the fields of {self.filters.__name__}")
        keys = [p.key for p in self.params]
        if len(set(keys)) != len(keys):
            raise TypeError(f"{self.filters.__name__}: a URL key is declared twice in {keys}")

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

    def param(self, field: str) -> Param[Opts]:
        return next(p for p in self.params if p.field == field)

    def docs_table(self) -> str:
        """The Markdown table of docs/links.md for this page (scripts/links_doc.py writes it)."""
        rows = [p.docs_row() for p in (*self.params, *EVERY_PAGE)]
        lines = ["| parameter | values | default |", "|---|---|---|"]
        lines += [f"| {key} | {values} | {default} |" for key, values, default in rows]
        return "\n".join(lines)
