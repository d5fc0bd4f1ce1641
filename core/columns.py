"""The downloads' columns: stable snake_case names, what each holds, and its heading on screen.

A CSV's header is these names in every language (a script reading it must not break when the
language changes); the on-screen table shows `heading` in the run's language instead, and drops
the columns that only a script needs (codes beside their labels, status columns, the citation),
whose gaps the screen already says in words. `description` goes into the zip's datapackage.json.
Types are not listed here: they are read from the frame that is written (core.export.field_type),
so the schema cannot drift from the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import N_

NOT_STATED_BY_SOURCE = "not stated by the source"  # a status column's value (English: the CSV's vocabulary)
STATED = "stated"
LIST_SEPARATOR = "; "  # between the items of a list-valued cell (fact ids, locators, codes, names)
# Between the quotes of one cell: no quote may contain it (core.evidence refuses one), or a reader
# splitting the cell would cut a quote in two.
QUOTE_SEPARATOR = " | "


@dataclass(frozen=True)
class Column:
    heading: str  # English, marked N_; shown through _() on screen
    description: str  # English, for the data package
    screen: bool = True  # shown in the on-screen table


_EMPTY_NOT_STATED = " Empty: not stated by the source (never zero)."
_PROVENANCE = {
    "source_id": Column(N_("source_id"), "Id of the source document (the package's `sources`)."),
    "locator": Column(
        N_("locator"),
        "Where the quote stands in its source: ¶8 (paragraph 8, the title being ¶1), a heading or an item.",
    ),
    "quote": Column(N_("quote"), "The fewest verbatim words of the (first) source that state the fact."),
    "source_ids": Column(
        "source_ids", f"Ids of every source that states the fact(s), separated by '{LIST_SEPARATOR}'.", False
    ),
    "publishers": Column(
        "publishers", f"Their publishers, separated by '{LIST_SEPARATOR}'. Empty: no source names one.", False
    ),
    "urls": Column("urls", f"Their addresses, separated by '{LIST_SEPARATOR}'. Empty: no source has one.", False),
    "sources_differ": Column(
        N_("sources differ"),
        "Where sources state a point of the fact differently: the point (date, weekday, amount, place, name, "
        "count), then each value with its source id in brackets, separated by '; '; two points by ' | '. "
        "Empty: the sources agree.",
    ),
    "citation": Column(
        "citation", "A one-line citation of the fact: author (year). title, locator: quote.", screen=False
    ),
}

COLUMNS: dict[str, Column] = {
    # Aid and investment (one row per figure of the money table)
    "flow_id": Column("id", "Id of the money figure (the package's `money.flow_id`)."),
    "recipient_code": Column(N_("recipient code"), "Recipient: ISO 3166-1 alpha-3 code, or a region or group id."),
    "recipient": Column(N_("recipient"), "Recipient's name."),
    "kind_code": Column("kind_code", "Kind of flow id: aid, contribution or investment.", screen=False),
    "kind": Column(N_("kind"), "Kind of flow, in words."),
    "status_code": Column("status_code", "Status id: realised, agreed or contracts_signed.", screen=False),
    "status": Column(N_("status"), "Status, in words."),
    "qualifier": Column(
        N_("qualifier"),
        "The source's word for a vague figure (approximately, some, more than) or a ceiling (up to). Empty: the source "
        "states it plainly.",
    ),
    "amount": Column(
        N_("amount"), "The amount as the source states it, in whole units of `currency`; never converted."
    ),
    "currency": Column(N_("currency"), "ISO 4217 code of the amount's currency (USD, JPY), as the source states it."),
    "amount_per_year": Column(
        N_("amount per year (assumes an even spread over the period)"),
        "amount divided evenly over the years of the period, rounded to whole units: an assumption, not a "
        "fact. Empty: the source states no full period.",
    ),
    "year_start": Column(N_("first year"), "First year of the period." + _EMPTY_NOT_STATED),
    "year_end": Column(N_("last year"), "Last year of the period." + _EMPTY_NOT_STATED),
    "year_end_status": Column(
        "year_end_status", f"Whether the source states the last year: '{STATED}' or '{NOT_STATED_BY_SOURCE}'.", False
    ),
    "description": Column(N_("description"), "What the fact is about, in the project's own words."),
    "note": Column(
        N_("note"), "A caveat: what the figure leaves out or the source leaves unsaid (or misprints). Empty: none."
    ),
    "aggregate": Column(
        N_("aggregate"),
        "cumulative (a running total to a date) or total (of several figures); the sum rule never adds it to a "
        "figure it may contain. Empty: a single figure.",
    ),
    "stated_by_code": Column(
        "stated_by_code", "Code of the government whose own statement the figure is. Empty: no government's.", False
    ),
    "stated_by": Column(
        N_("stated by"),
        "The government whose own statement the figure is (Japan's, or a Central Asian state's). Empty: no "
        "government states it (an analysis).",
    ),
    **_PROVENANCE,
    # Timeline (one row per event)
    "event_id": Column("id", "Id of the event (the package's `events.event_id`)."),
    "date_precision": Column(
        N_("date precision"),
        "How precisely the source dates the event: year (one year), span (first to last year) or not_stated.",
    ),
    "date_start": Column(N_("date"), "The day (YYYY-MM-DD) or month (YYYY-MM) the source gives. Empty: it gives none."),
    "date_end": Column("date_end", "The last day of an event of several days. Empty: one day, or not stated.", False),
    "meeting_kind": Column(
        N_("kind of meeting"),
        "ministerial, senior_officials, summit, expert, business, intellectual, visit or relations. Empty: none.",
    ),
    "series_number": Column(N_("no."), "The meeting's number in its series, as the source numbers it."),
    "city": Column(N_("city"), "Where it took place, as the source names it. Empty: not stated, or online."),
    "host_code": Column("host_code", "Code of the country it took place in. Empty: not stated, or online.", False),
    "chair": Column(N_("chair"), "Who chaired it, as the source names them. Empty: not stated."),
    "event_status": Column(
        N_("event status"), "held, planned, postponed or cancelled, as the source states it. Empty: a past event."
    ),
    "outcome": Column(N_("outcome documents"), "The documents it adopted, in the project's words. Empty: none named."),
    "category_code": Column("category_code", "Category id (the package's `categories`).", screen=False),
    "category": Column(N_("category"), "Category, in words."),
    "title": Column(N_("title"), "The event, in a few words."),
    "country_codes": Column(
        "country_codes", "Codes of the countries and actors the event names, separated by ';'.", False
    ),
    "countries": Column(N_("countries"), "Their names, in the same order, separated by ', '."),
    # The rest are CSV-only (no screen table shows them): their headings are not translated.
    # Overview (one row per key figure)
    "figure": Column("figure", "What the key figure is."),
    "value": Column("value", "The figure as a number (US dollars for money, a count otherwise)."),
    "unit": Column(
        "unit", "The value's unit: usd or jpy (a currency) or count (overview); the field's unit (sources)."
    ),
    "value_text": Column(
        "value",
        "The figure in words, as the card shows it; 'N more' on a card for N figures that cannot be added, "
        "listed in fact_ids.",
        screen=False,
    ),
    "period": Column("period", "The period the figure covers, in words."),
    # Sources: the data dictionary (one row per field of the package)
    "table": Column("table", "The package's table (resource) name."),
    "field": Column("field", "The field's name."),
    "field_title": Column("title", "The field's title."),
    "type": Column("type", "The field's Table Schema type."),
    "required": Column("required", "True if every row must have a value."),
    "unique": Column("unique", "True if no two rows may have the same value."),
    "minimum": Column("minimum", "The smallest value allowed. Empty: no minimum."),
    "maximum": Column("maximum", "The largest value allowed. Empty: no maximum."),
    "enum": Column("enum", f"The values allowed, separated by '{LIST_SEPARATOR}'. Empty: any value of the type."),
    "pattern": Column("pattern", "A regular expression every value must match. Empty: none."),
    "allowed_values": Column("allowed values", "The field's constraints, in words."),
    "field_description": Column("description", "What the field holds."),
    # Comparison (one row per country and metric)
    "country_code": Column("code", "Country: ISO 3166-1 alpha-3 code."),
    "country": Column("country", "Country's name."),
    "metric_id": Column("metric", "Id of the metric (money.<status>, <kind>.<status>, companies, …).", False),
    "metric": Column("metric", "The metric, in English words (the same in every language)."),
    "value_status": Column(
        "value status",
        "stated (value holds the number), no_total (the figures cannot be added; text says why and fact_ids "
        "lists them), not_stated (the source or the filters leave nothing; text says whose gap) or text (a metric "
        "in words).",
    ),
    "text": Column("in words", "The cell in words, as the table on screen shows it."),
    "fact_ids": Column(
        "fact ids", f"Ids of the facts the value rests on, separated by '{LIST_SEPARATOR}'. Empty: none."
    ),
    "locators": Column(
        "locator", f"Where the quoted facts' quotes stand, as 'fact id: locator', separated by '{LIST_SEPARATOR}'."
    ),
    "quotes": Column("quote", f"The quoted facts' quotes as 'fact id: quote', separated by '{QUOTE_SEPARATOR}'."),
}


def column(name: str) -> Column:
    """A column's entry; one not listed is shown under its own name and described as such."""
    return COLUMNS.get(name, Column(name, name.replace("_", " ").capitalize() + "."))
