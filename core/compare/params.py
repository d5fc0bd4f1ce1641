"""The comparison's choices: its metrics, the options the data offers, and the filters' URL registry."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from operator import attrgetter

import pandas as pd

from core.facts import Facts
from core.formatting import currency_words, lookup
from core.i18n import ENGLISH, N_, _
from core.params import PageParams, choice_param, currency_param, list_param, undated_param, years_param
from core.periods import year_bounds
from core.translations import RESOURCE as TRANSLATIONS

COMPANIES = "companies"
EVENTS = "events"
SECURITY = "security"
LATEST = "latest"
COUNTED_EVENTS = (EVENTS, SECURITY)
COMPANIES_SUBJECT = "companies_japanese_capital"
SECURITY_CATEGORY = "security"
REGION_ROLE = "central_asia"  # the role whose states are compared by default, and whose region is shown apart
DONOR_ROLE = "japan"
SORTS = {"value": N_("By value"), "name": N_("By name")}  # shown through _()
MAX_LISTED_EVENTS = 12  # region-wide events named in the page's sentence; the rest are counted
# The two rules the page, the table and a download's README state (core.scopes, core.sums), in
# English; shown through _().
REGION_RULE = N_(
    "a fact about a region or group as a whole (recorded with its code, or naming every one of its members) is "
    "shown apart and counted for no single state: not in any state's money, event counts or latest event"
)
# NOTE: REGION_RULE and its end in one string, one sentence for the translator.
REGION_NOTE = N_(
    "a fact about a region or group as a whole (recorded with its code, or naming every one of its members) is "
    "shown apart and counted for no single state: not in any state's money, event counts or latest event; "
    "not in this table"
)
TOTAL_RULE = N_(
    "a country's figures are added only when they share one status and one kind of flow and their periods lie "
    "inside the years chosen; otherwise the cell reads 'no total', lists the figures side by side and says why, "
    "and its exact-dollar column is empty"
)
# Metric labels, in English (a metric's `english`, the CSV's column name) and shown through _().
MONEY_LABEL = N_("Japanese money: {status}")
SECURITY_LABEL = N_("of which {category}")
SECURITY_FALLBACK = N_("Security incidents")  # the security category's label when the data has none
COMPANIES_LABEL = N_("Companies with Japanese capital")
EVENTS_LABEL = N_("Dated events")
LATEST_LABEL = N_("Latest dated event")


@dataclass(frozen=True)
class Metric:
    id: str
    label: str  # in the run's language: the widget, the panels, the table's headings on screen
    unit: str  # "usd" (money, in `currency`), "count" or "text"
    status: str | None = None  # money metrics: the one status whose figures they add
    kind: str | None = None  # money by kind: the one kind of flow
    currency: str = "USD"  # money: the one currency its figures are in (the view's; chosen_metrics)
    english: str | None = None  # the label in English, when it differs: the CSV's column name

    @property
    def charted(self) -> bool:
        return self.unit != "text"

    @property
    def column(self) -> str:
        """The metric's column in the table and the CSV: English in every language."""
        return self.english or self.label


@dataclass(frozen=True)
class CompareOptions:
    """What the filters can take, read from the data."""

    countries: dict[str, str]  # code -> name: the states, Japan aside; the region's states first
    default_countries: tuple[str, ...]
    metrics: dict[str, Metric]  # id -> metric, in the order of the table's columns
    default_metrics: tuple[str, ...]
    regions: dict[str, str]  # code -> name: regions and groups of REGION_ROLE (shown apart)
    region_states: tuple[str, ...]  # the states of REGION_ROLE, whose choice brings the regional figures
    years: tuple[int, int]
    currencies: dict[str, str]  # ISO 4217 code -> its words, in the data's order

    def metric_labels(self) -> dict[str, str]:
        return {key: metric.label for key, metric in self.metrics.items()}


@dataclass(frozen=True)
class CompareFilters:
    """One view of the comparison; PARAMS below says how each field reads from and goes to the URL."""

    countries: tuple[str, ...]
    metrics: tuple[str, ...]
    years: tuple[int, int]
    undated: bool  # keep money and counts whose period the source does not state
    currency: str  # the one currency money is shown in (never converted)
    sort: str


PARAMS: PageParams[CompareOptions, CompareFilters] = PageParams(CompareFilters, params=(
    list_param("country", "countries", N_("Countries"), summary_name=N_("countries"),
               default=attrgetter("default_countries"),
               doc_values="state codes from `actors.csv` other than Japan's (`KAZ`, `KGZ`, `TJK`, `TKM`, `UZB`, `USA`, "
               "`CHN`, `AFG`, …); regions and groups are not rows", doc_default="the five Central Asian states"),
    list_param("metric", "metrics", N_("Metrics"), summary_name=N_("metrics"), values=CompareOptions.metric_labels,
               default=attrgetter("default_metrics"), doc_default="all but the `KIND.STATUS` ones",
               doc_values="`money.realised`, `money.agreed`, `money.contracts_signed` (Japan's money of one status); "
               "`KIND.STATUS` for one kind within one status, e.g. `investment.agreed`, `aid.realised` (the pairs the "
               "data has); `companies` (companies with Japanese capital); `events` (dated events naming the country); "
               "`security` (of which security incidents and operations); `latest` (the latest dated event, table "
               "only)"),
    years_param(help=N_("Kept when its period overlaps the years."),
                summary_note=N_("(a figure or event is kept when its period overlaps)"),
                doc_values="`first-last`; money and company counts are kept when their period overlaps, events when "
                "their years do"),
    undated_param("`1` keep / `0` drop money and company counts with no stated period (events with no date are never "
                  "counted)"),
    currency_param(),
    choice_param("sort", N_("Sort"), SORTS, "value", "`value` (largest first, not stated last; each panel on its "
                 "own, the table by its first charted metric) or `name`", summary_name=N_("sort")),
), notes=(  # in English; shown through _()
    (N_("regions and groups"), REGION_NOTE),
    (N_("money totals"), TOTAL_RULE),
))  # fmt: skip


def compare_options(facts: Facts) -> CompareOptions:
    actors = facts.actors
    states = actors[(actors["kind"] == "state") & (actors["role"] != DONOR_ROLE)]
    in_region = states["role"] == REGION_ROLE
    ordered = pd.concat([states[in_region], states[~in_region]])
    regions = actors[(actors["kind"] != "state") & (actors["role"] == REGION_ROLE)]
    metrics = _metrics(facts)
    default_metrics = tuple(m.id for m in metrics.values() if m.kind is None)
    region_states = tuple(states.loc[in_region, "code"])
    return CompareOptions(
        countries=dict(zip(ordered["code"], ordered["name"], strict=True)),
        default_countries=region_states or tuple(ordered["code"]),
        metrics=metrics,
        default_metrics=default_metrics,
        regions=dict(zip(regions["code"], regions["name"], strict=True)),
        region_states=region_states,
        years=year_bounds(
            *(table[c] for table in (facts.money, facts.events, facts.figures) for c in ("year_start", "year_end"))
        ),
        currencies={code: currency_words(code) for code in dict.fromkeys(facts.money["currency"].dropna().astype(str))},
    )


def _english_labels(facts: Facts, resource: str, key: str) -> dict[str, str]:
    """Each row's `label` in English by its `key`, whatever the facts' language (localised facts
    hold the translation; translations.csv keeps the English it was made from)."""
    frame = getattr(facts, resource)
    labels = dict(zip(frame[key].astype(str), frame["label"].astype(str), strict=True))
    language = getattr(facts, "language", ENGLISH)  # tables made by hand (tests) are English
    translations = None if language == ENGLISH else facts.extra.get(TRANSLATIONS)
    if translations is None:
        return labels
    rows = translations.astype("string")
    rows = rows[(rows["resource"] == resource) & (rows["field"] == "label") & (rows["language"] == language)]
    return {**labels, **{str(k): str(e) for k, e in zip(rows["key"], rows["english"], strict=True) if str(k) in labels}}


def _metrics(facts: Facts) -> dict[str, Metric]:
    """Money by status (every status), money by kind within one status (the pairs the data has),
    companies, event counts and the latest event. Labels in the run's language (the facts' words
    arrive translated), each with its English for the CSV's column names."""
    statuses = facts.statuses.sort_values("firmness")
    status_labels = dict(zip(statuses["status"], statuses["label"], strict=True))
    status_english = _english_labels(facts, "statuses", "status")
    metrics = [
        Metric(f"money.{s}", _(MONEY_LABEL).format(status=label.lower()), "usd", status=s,
               english=MONEY_LABEL.format(status=status_english.get(str(s), str(label)).lower()))
        for s, label in status_labels.items()
    ]  # fmt: skip
    pairs = facts.money[["kind", "status"]].drop_duplicates()
    kind_order = {k: i for i, k in enumerate(facts.flow_kinds["kind"])}
    pairs = pairs.assign(
        kind_rank=lookup(pairs["kind"], kind_order, keep_code=False),
        firmness=lookup(pairs["status"], statuses.set_index("status")["firmness"], keep_code=False),
    ).sort_values(["kind_rank", "firmness"])
    kind_labels = facts.flow_kinds.set_index("kind")["label"]
    kind_english = _english_labels(facts, "flow_kinds", "kind")
    for kind, status in zip(pairs["kind"], pairs["status"], strict=True):
        label = f"{kind_labels.get(kind, kind)}: {status_labels.get(status, status).lower()}"
        english = f"{kind_english.get(str(kind), kind)}: {status_english.get(str(status), status).lower()}"
        metrics.append(Metric(f"{kind}.{status}", label, "usd", status=status, kind=kind, english=english))
    security = facts.categories.set_index("category")["label"].get(SECURITY_CATEGORY)
    security_english = _english_labels(facts, "categories", "category").get(SECURITY_CATEGORY, SECURITY_FALLBACK)
    metrics += [
        Metric(COMPANIES, _(COMPANIES_LABEL), "count", english=COMPANIES_LABEL),
        Metric(EVENTS, _(EVENTS_LABEL), "count", english=EVENTS_LABEL),
        Metric(SECURITY, _(SECURITY_LABEL).format(category=str(security or _(SECURITY_FALLBACK)).lower()), "count",
               english=SECURITY_LABEL.format(category=security_english.lower())),
        Metric(LATEST, _(LATEST_LABEL), "text", english=LATEST_LABEL),
    ]  # fmt: skip
    return {m.id: m for m in metrics}


def chosen_metrics(options: CompareOptions, filters: CompareFilters) -> list[Metric]:
    """The chosen metrics in the options' order, so columns and panels keep one layout."""
    return [
        dataclasses.replace(m, currency=filters.currency) if m.unit == "usd" else m
        for key, m in options.metrics.items()
        if key in filters.metrics
    ]


def empty_reason(filters: CompareFilters) -> str | None:
    """Why there is nothing to compare, or None."""
    if not filters.countries and not filters.metrics:
        return _("Choose at least one country and one metric to compare.")
    if not filters.countries:
        return _("Choose at least one country to compare.")
    if not filters.metrics:
        return _("Choose at least one metric to compare.")
    return None
