"""The comparison's choices: its metrics, the options the data offers, and the filters' URL registry."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

import pandas as pd

from core.facts import Facts
from core.formatting import lookup
from core.params import PageParams, choice_param, list_param, undated_param, years_param
from core.periods import year_bounds

COMPANIES = "companies"
EVENTS = "events"
SECURITY = "security"
LATEST = "latest"
COUNTED_EVENTS = (EVENTS, SECURITY)
COMPANIES_SUBJECT = "companies_japanese_capital"
SECURITY_CATEGORY = "security"
REGION_ROLE = "central_asia"  # the role whose states are compared by default, and whose region is shown apart
DONOR_ROLE = "japan"
SORTS = {"value": "By value", "name": "By name"}
MAX_LISTED_EVENTS = 12  # region-wide events named in the page's sentence; the rest are counted
# The two rules the page, the table and a download's README state (core.scopes, core.sums).
REGION_RULE = (
    "a fact about a region or group as a whole (recorded with its code, or naming every one of its members) is "
    "shown apart and counted for no single state: not in any state's money, event counts or latest event"
)
TOTAL_RULE = (
    "a country's figures are added only when they share one status and one kind of flow and their periods lie "
    "inside the years chosen; otherwise the cell reads 'no total', lists the figures side by side and says why, "
    "and its exact-dollar column is empty"
)


@dataclass(frozen=True)
class Metric:
    id: str
    label: str
    unit: str  # "usd", "count" or "text"
    status: str | None = None  # money metrics: the one status whose figures they add
    kind: str | None = None  # money by kind: the one kind of flow

    @property
    def charted(self) -> bool:
        return self.unit != "text"


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

    def metric_labels(self) -> dict[str, str]:
        return {key: metric.label for key, metric in self.metrics.items()}


@dataclass(frozen=True)
class CompareFilters:
    """One view of the comparison; PARAMS below says how each field reads from and goes to the URL."""

    countries: tuple[str, ...]
    metrics: tuple[str, ...]
    years: tuple[int, int]
    undated: bool  # keep money and counts whose period the source does not state
    sort: str


PARAMS: PageParams[CompareOptions, CompareFilters] = PageParams("compare", "compare", CompareFilters, params=(
    list_param("country", "countries", "Countries", default=attrgetter("default_countries"),
               doc_values="state codes from `actors.csv` other than Japan's (`KAZ`, `KGZ`, `TJK`, `TKM`, `UZB`, `USA`, "
               "`CHN`, `AFG`, …); regions and groups are not rows", doc_default="the five Central Asian states"),
    list_param("metric", "metrics", "Metrics", values=CompareOptions.metric_labels,
               default=attrgetter("default_metrics"), doc_default="all but the `KIND.STATUS` ones",
               doc_values="`money.realised`, `money.agreed`, `money.contracts_signed` (Japan's money of one status); "
               "`KIND.STATUS` for one kind within one status, e.g. `investment.agreed`, `aid.realised` (the pairs the "
               "data has); `companies` (companies with Japanese capital); `events` (dated events naming the country); "
               "`security` (of which security incidents and operations); `latest` (the latest dated event, table "
               "only)"),
    years_param(help="Kept when its period overlaps the years.",
                summary_note="(a figure or event is kept when its period overlaps)",
                doc_values="`first-last`; money and company counts are kept when their period overlaps, events when "
                "their years do"),
    undated_param("`1` keep / `0` drop money and company counts with no stated period (events with no date are never "
                  "counted)"),
    choice_param("sort", "Sort", SORTS, "value", "`value` (largest first, not stated last; each panel on its own, the "
                 "table by its first charted metric) or `name`", summary_name="sort"),
), notes=(
    ("regions and groups", REGION_RULE + "; not in this table"),
    ("money totals", TOTAL_RULE),
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
    )


def _metrics(facts: Facts) -> dict[str, Metric]:
    """Money by status (every status), money by kind within one status (the pairs the data has),
    companies, event counts and the latest event."""
    statuses = facts.statuses.sort_values("firmness")
    status_labels = dict(zip(statuses["status"], statuses["label"], strict=True))
    metrics = [
        Metric(f"money.{s}", f"Japanese money: {label.lower()}", "usd", status=s) for s, label in status_labels.items()
    ]
    pairs = facts.money[["kind", "status"]].drop_duplicates()
    kind_order = {k: i for i, k in enumerate(facts.flow_kinds["kind"])}
    pairs = pairs.assign(
        kind_rank=lookup(pairs["kind"], kind_order, keep_code=False),
        firmness=lookup(pairs["status"], statuses.set_index("status")["firmness"], keep_code=False),
    ).sort_values(["kind_rank", "firmness"])
    kind_labels = facts.flow_kinds.set_index("kind")["label"]
    for kind, status in zip(pairs["kind"], pairs["status"], strict=True):
        label = f"{kind_labels.get(kind, kind)}: {status_labels.get(status, status).lower()}"
        metrics.append(Metric(f"{kind}.{status}", label, "usd", status=status, kind=kind))
    security = facts.categories.set_index("category")["label"].get(SECURITY_CATEGORY, "Security incidents")
    metrics += [
        Metric(COMPANIES, "Companies with Japanese capital", "count"),
        Metric(EVENTS, "Dated events", "count"),
        Metric(SECURITY, f"of which {security.lower()}", "count"),
        Metric(LATEST, "Latest dated event", "text"),
    ]
    return {m.id: m for m in metrics}


def chosen_metrics(options: CompareOptions, filters: CompareFilters) -> list[Metric]:
    """The chosen metrics in the options' order, so columns and panels keep one layout."""
    return [m for key, m in options.metrics.items() if key in filters.metrics]


def empty_reason(filters: CompareFilters) -> str | None:
    """Why there is nothing to compare, or None."""
    missing = [word for word, chosen in (("country", filters.countries), ("metric", filters.metrics)) if not chosen]
    if missing:
        return f"Choose at least one {' and one '.join(missing)} to compare."
    return None
