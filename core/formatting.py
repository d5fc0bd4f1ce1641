"""Words for numbers, periods and gaps, shared by every page and export.

"not stated" is the one phrase for a value the source does not give; it is never shown as 0.
Every word is in the run's language (core.i18n); numbers take its separators.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from core import i18n
from core.columns import COLUMNS
from core.i18n import N_, _
from core.scalars import as_float, as_int

NOT_STATED = N_("not stated")  # the English; shown through not_stated()
BILLION = 1e9  # charts draw money in billions of US dollars


def not_stated() -> str:
    """The one phrase for a value the source does not give, in the run's language."""
    return _(NOT_STATED)


# Characters Streamlit's Markdown would act on: emphasis, links, images, headings, lists, HTML,
# and "$", which starts LaTeX maths ("$6 billion ... $3 billion" would be typeset as a formula).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: object) -> str:
    """Text from the data, made safe to place inside Markdown so it shows exactly as written."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def is_missing(value: object) -> bool:
    # pd.isna takes any object at run time; its stubs list only pandas' scalars and containers.
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))  # type: ignore[call-overload]


# Short marks for the source's vague words, for places too narrow for the word itself; the word is
# always shown beside them too.
QUALIFIER_MARKS = {"approximately": "≈", "some": "≈", "more than": ">", "up to": "≤", "at most": "≤"}
# The source's vague words (the data's `qualifier` values) in the interface's language.
QUALIFIER_WORDS = {
    "approximately": N_("approximately"), "some": N_("some"), "more than": N_("more than"), "up to": N_("up to"),
    "at most": N_("at most"),
}  # fmt: skip


# Words for an amount per currency, at each scale (N_: translated where shown). A currency not listed
# is written with its ISO code.
_MONEY_WORDS = {
    "USD": (N_("US${amount} bn"), N_("US${amount} m"), N_("US${amount}")),
    "JPY": (N_("¥{amount} bn"), N_("¥{amount} m"), N_("¥{amount}")),
}
_CURRENCY_WORDS = {"USD": N_("US dollars (USD)"), "JPY": N_("Japanese yen (JPY)")}
_CURRENCY_UNITS = {"USD": N_("US$"), "JPY": N_("¥")}


def currency_words(code: str) -> str:
    """The currency in words: 'US dollars (USD)', 'Japanese yen (JPY)'; its code where unknown."""
    return _(_CURRENCY_WORDS[code]) if code in _CURRENCY_WORDS else code


def currency_unit(code: object) -> str:
    """The short mark an axis or a card puts before an amount: 'US$', '¥'; the code where unknown."""
    return _(_CURRENCY_UNITS[str(code)]) if str(code) in _CURRENCY_UNITS else str(code)


def format_usd(amount: object, qualifier: object = None, short: bool = False, currency: object = "USD") -> str:
    """An amount as 'US$5.5 bn' ('5,5 млрд долл. США'), '¥39 bn' for yen, with the source's qualifier
    ('approximately US$12 bn', or '≈ US$12 bn' when `short`). Never converted: `currency` only
    chooses the words."""
    if is_missing(amount):
        return not_stated()
    value = as_float(amount)
    code = str(currency)
    billions, millions, units = _MONEY_WORDS.get(
        code, ("{amount} bn " + code, "{amount} m " + code, "{amount} " + code)
    )
    if value >= BILLION:
        text = _(billions).format(amount=i18n.number(value / BILLION, 1))
    elif value >= 1e6:
        text = _(millions).format(amount=i18n.number(value / 1e6, 1))
    else:
        text = _(units).format(amount=i18n.number(value))
    return _qualified(text, qualifier, short)


def format_count(value: object, qualifier: object = None, unit: object = None, short: bool = False) -> str:
    """A count as the source gives it: 'more than 70', 'some 40', '12' ('> 70' when `short`)."""
    if is_missing(value):
        return not_stated()
    text = i18n.number(as_int(value))
    text = _qualified(text, qualifier, short)
    # NOTE: a template, not "count unit": Russian reads "компаний: более 70", where one form of the
    # unit fits every number.
    return text if is_missing(unit) else _("{count} {unit}").format(count=text, unit=unit)


def _qualified(text: str, qualifier: object, short: bool) -> str:
    if is_missing(qualifier):
        return text
    word = str(qualifier)
    if short:
        return f"{QUALIFIER_MARKS.get(word, word)} {text}"
    return _("{qualifier} {amount}").format(qualifier=qualifier_word(word), amount=text)


# How precisely an event's date is known (the data's `date_precision` ids), in words.
PRECISION_WORDS = {
    "day": N_("day"), "month": N_("month"), "year": N_("year"), "span": N_("span"), "not_stated": NOT_STATED,
}  # fmt: skip


def precision_word(precision: str) -> str:
    """An event's date precision (the data package's `date_precision` values) in the run's language."""
    return _(PRECISION_WORDS[precision]) if precision in PRECISION_WORDS else precision


def qualifier_word(qualifier: str) -> str:
    """The source's vague word ('approximately') in the run's language."""
    return _(QUALIFIER_WORDS[qualifier]) if qualifier in QUALIFIER_WORDS else qualifier


def format_period(start: object, end: object) -> str:
    """'1993–2001', '2015', 'since 1954' (a start with no stated end), or 'not stated'."""
    if is_missing(start):
        return _("period not stated")
    if is_missing(end):
        return _("since {year} (end not stated)").format(year=as_int(start))
    if as_int(start) == as_int(end):
        return f"{as_int(start)}"
    return f"{as_int(start)}–{as_int(end)}"


# Rows an on-screen table shows. NOTE: st.dataframe sends every row to the browser; past a few
# thousand rows that costs seconds and memory per rerun while nobody reads them. Downloads have all.
SHOWN_ROWS = 1_000


def for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for on-screen tables in which every missing cell reads 'not stated'. Never for a
    CSV: there a gap is an empty cell, so that numeric columns stay numbers.

    Only columns with a gap become text; complete numeric columns stay numbers (they sort as numbers).
    """
    gaps = [name for name in frame.columns if frame[name].isna().any()]
    return frame.assign(**{name: frame[name].astype("string").fillna(not_stated()) for name in gaps})


@dataclass(frozen=True)
class ScreenTable:
    """The first SHOWN_ROWS rows of a view as an on-screen table shows them, and how many there are.

    NOTE: held as Arrow, the form st.dataframe sends. Shaping, 'not stated' and the conversion are
    then done once per filter state (`components.data.for_filters`), not on every rerun of every
    session, where they were a large part of a rerun.
    """

    arrow: pa.Table
    total: int  # rows in the whole view; the CSV has them all

    @property
    def shown(self) -> int:
        return self.arrow.num_rows


def screen_table(
    rows: pd.DataFrame, shape: Callable[[pd.DataFrame], pd.DataFrame] = lambda frame: frame, total: int | None = None
) -> ScreenTable:
    """`shape(rows)` for at most SHOWN_ROWS rows, every gap 'not stated'; shaping only those keeps a
    big view cheap. `total`: how many rows there are in all, when `rows` is already only the first."""
    shown = for_display(on_screen(_in_words(shape(rows.head(SHOWN_ROWS)))))
    total = len(rows) if total is None else total
    # The conversion st.dataframe makes of a frame (a default index is kept as metadata only).
    try:
        return ScreenTable(pa.Table.from_pandas(shown), total)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
        # As st.dataframe does: a column Arrow cannot type (mixed values) is shown as text.
        mixed = {name: "string" for name in shown.columns if shown[name].dtype == object}
        return ScreenTable(pa.Table.from_pandas(shown.astype(mixed)), total)


# Columns of the tables (and CSVs) that hold the data's vocabulary ids: the screen shows them in
# words of the run's language; the CSV keeps the ids, which scripts match on.
SCREEN_WORDS: dict[str, Callable[[str], str]] = {"qualifier": qualifier_word, "date_precision": precision_word}


def on_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """A CSV-shaped frame as the on-screen table has it: the columns only a script needs dropped
    (codes beside their labels, status columns, the citation), the others under their English
    headings (core.columns), which components.tables shows translated. Others are kept as they are."""
    hidden = [name for name in frame.columns if name in COLUMNS and not COLUMNS[name].screen]
    headings = {name: COLUMNS[name].heading for name in frame.columns if name in COLUMNS}
    # An empty qualifier or note is not a gap (the figure is plain, there is no caveat): it stays
    # empty on screen instead of reading "not stated".
    plain = {name: frame[name].astype("string").fillna("") for name in NOT_GAPS if name in frame.columns}
    return frame.assign(**plain).drop(columns=hidden).rename(columns=headings)


NOT_GAPS = ("qualifier", "note")  # columns whose empty cell means "none", not "not stated"


def _in_words(frame: pd.DataFrame) -> pd.DataFrame:
    words = {
        name: frame[name]
        .astype("string")
        .map(lambda value, say=say: value if pd.isna(value) or value == "" else say(value))
        for name, say in SCREEN_WORDS.items()
        if name in frame.columns
    }
    return frame.assign(**words) if words else frame


def per_distinct(words: Callable[..., str], *columns: pd.Series) -> pd.Categorical[str]:
    """`words(*values)` for each row, as a categorical, computed once per distinct combination of
    values: a million figures have about a thousand distinct periods. (Do not use it for amounts,
    which are nearly all distinct: format those only for the rows shown.)"""
    # `.array`: the values as they are (an Int64 column stays integers and <NA>, not floats).
    keys = pd.DataFrame({str(number): column.array for number, column in enumerate(columns)})
    # NOTE: the codes and each combination's first row come from one grouping, which numbers the
    # combinations in order of first appearance (sort=False), so code n is the n-th first row.
    # (drop_duplicates would keep None, NaN and <NA> apart where grouping joins them.)
    grouped = keys.groupby(list(keys.columns), sort=False, dropna=False)
    codes = grouped.ngroup().to_numpy()
    texts = [words(*values) for values in grouped.head(1).itertuples(index=False)]
    categories = list(dict.fromkeys(texts))  # two combinations can read the same
    position = {text: number for number, text in enumerate(categories)}
    recode = np.array([position[text] for text in texts], dtype=np.int64)
    return pd.Categorical.from_codes(recode[codes], categories=pd.Index(categories))


def lookup(codes: pd.Series, labels: pd.Series | dict, keep_code: bool = True) -> pd.Series:
    """Each code's entry in `labels` (a label, a rank), as plain values, not categoricals.

    NOTE: mapping a categorical gives a categorical ordered by the old categories, which sorts
    wrongly and refuses new values in fillna; the codes are read as text first. With `keep_code`,
    a code with no entry shows as itself.
    """
    if isinstance(codes.dtype, pd.CategoricalDtype):
        # A million codes have a few distinct values: look each one up once, then place the
        # results by the codes' positions (-1, a missing code, gives a missing value).
        distinct = lookup(pd.Series(codes.cat.categories), labels, keep_code)
        placed = distinct.array.take(codes.cat.codes.to_numpy(), allow_fill=True)
        return pd.Series(placed, index=codes.index, name=codes.name)
    text = codes.astype("string")
    mapped = text.map(labels)
    if keep_code and isinstance(mapped.dtype, pd.CategoricalDtype) and mapped.isna().any():
        mapped = mapped.astype(object)  # a categorical refuses a code it does not hold as a fill
    return mapped.fillna(text) if keep_code else mapped


# How a list of the first few reads on: a template with {items} (the items shown) and {n} (how many
# more), in English, marked for translation (shown through _()).
AND_MORE = N_("{items}; and {n} more")
TABLE_LISTS_THEM = N_("{items}; and {n} more (the table lists them)")

# `more`: one of the templates above (or another, marked N_()), or, where the words decline with the
# number ("1 more figure", "2 more figures"), a function of the number giving the translated template
# (through ngettext).
More = str | Callable[[int], str]


def first_and_more(
    items: Sequence[str],
    limit: int,
    *,
    total: int | None = None,
    separator: str = "; ",
    more: More = AND_MORE,
    **fields: object,
) -> str:
    """'M01; M02; M03; and 5 more': the first `limit` items joined by `separator`, then how many
    more there are, in the words of `more`; the items alone when there are no more. `total`: how
    many there are in all, when `items` holds only the first of them (a big data set has
    thousands). `fields`: the values of `more`'s other placeholders ("ending in {year}")."""
    shown = list(items[:limit])
    count = (len(items) if total is None else total) - len(shown)
    listed = separator.join(shown)
    if count <= 0:
        return listed
    template = _(more) if isinstance(more, str) else more(count)
    return template.format(items=listed, n=i18n.number(count), **fields)


def chosen_names(chosen: tuple[str, ...], names: dict[str, str]) -> str:
    """A filter's choice in words for a download's README: 'all', or the chosen names."""
    return _("all") if set(chosen) == set(names) else ", ".join(names.get(c, c) for c in chosen)


def plotly_escaped(text: object) -> str:
    """Data text for a Plotly label, hover or annotation: <, > and & escaped (Plotly reads some
    HTML). Quotes are kept: Plotly decodes numeric entities and a few named ones, not '&quot;',
    which a label would show as written ('A message without &quot;third powers&quot;')."""
    return html.escape(str(text), quote=False)


def plotly_lines(text: object, width: int = 60) -> str:
    """`text` escaped for Plotly (`plotly_escaped`) and wrapped at `width` characters with <br>,
    Plotly's only line break: for hovers, axis titles and labels Plotly would draw on one line."""
    return "<br>".join(plotly_escaped(line) for line in textwrap.wrap(str(text), width))
