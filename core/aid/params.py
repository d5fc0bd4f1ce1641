"""The aid page's parameters: what its filters can take (read from the data), one view's filters,
and how each goes to and from the URL (`PARAMS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from core.facts import Facts
from core.formatting import currency_words
from core.i18n import N_
from core.money import japans_money_kinds
from core.params import (
    PageParams,
    choice_param,
    currency_param,
    flag_param,
    list_param,
    official_param,
    undated_param,
    years_param,
)  # fmt: skip
from core.periods import year_bounds

# Option labels in English, shown through _().
GROUPINGS = {"recipient": N_("Recipient"), "kind": N_("Kind of flow"), "status": N_("Status")}

CHARTS = {"bars": N_("By group"), "time": N_("Over time")}

SCALES = {"linear": N_("Linear"), "log": N_("Logarithmic")}


@dataclass(frozen=True)
class AidOptions:
    """What the filters can take, read from the data."""

    kinds: dict[str, str]  # id -> label, in the data's order
    statuses: dict[str, str]  # id -> label, firmest first
    recipients: dict[str, str]  # code -> name, for every recipient with money
    years: tuple[int, int]
    currencies: dict[str, str]  # ISO 4217 code -> its words, in the data's order
    # The page's question is Japan's money in Central Asia: the region and its states are chosen by
    # default; other recipients are context a reader adds (the page says they exist).
    default_recipients: tuple[str, ...] = ()
    default_kinds: tuple[str, ...] = ()  # Japan's money; trade both ways is there to choose

    @property
    def context_recipients(self) -> dict[str, str]:
        return {code: name for code, name in self.recipients.items() if code not in self.default_recipients}


@dataclass(frozen=True)
class AidFilters:
    """One view of the aid page; PARAMS below says how each field reads from and goes to the URL."""

    kinds: tuple[str, ...]
    statuses: tuple[str, ...]
    recipients: tuple[str, ...]
    years: tuple[int, int]
    undated: bool  # keep figures whose period the source does not state
    currency: str  # the one currency shown: amounts are never converted, so never drawn on one axis
    official: bool  # keep only figures a government's own record states
    by: str
    chart: str
    per_year: bool
    scale: str


PARAMS: PageParams[AidOptions, AidFilters] = PageParams(AidFilters, params=(
    list_param("kind", "kinds", N_("Kind of flow"), summary_name=N_("kinds"), default=attrgetter("default_kinds"),
               doc_values="`aid`, `contribution`, `investment`, `loan`, `grant`, `technical_cooperation`, `trade` "
               "(the ids in `flow_kinds.csv`)",
               doc_default="the kinds that are Japan's money (every kind but `trade`)"),
    list_param("status", "statuses", N_("Status"), summary_name=N_("statuses"),
               doc_values="`realised`, `agreed`, `contracts_signed`, `committed`, `pledged`, `intended` (the ids in "
               "`statuses.csv`)"),
    list_param("recipient", "recipients", N_("Recipient"), summary_name=N_("recipients"),
               default=attrgetter("default_recipients"),
               doc_values="actor codes with money: ISO 3166-1 alpha-3 (`KAZ`, `UZB`, `TKM`, `AFG`, `USA`) or a group "
               "(`CA5`, `SSEA_AF`)", doc_default="Central Asia: the region and its states with money (`CA5`, "
               "`KAZ`, `UZB`, `TKM`, `TJK`, `KGZ`); the others are context to add"),
    years_param(help=N_("A figure is kept when its period overlaps."),
                summary_note=N_("(a figure is kept when its period overlaps)"),
                doc_values="`first-last`, e.g. `1993-2001`; a figure is kept when its period overlaps"),
    undated_param("`1` keep / `0` drop figures with no stated period"),
    currency_param(),
    official_param(),
    choice_param("by", N_("Bars by"), GROUPINGS, "recipient", "bars by `recipient`, `kind` or `status`"),
    choice_param("chart", N_("Chart"), CHARTS, "bars", "`bars` (by group) or `time` (spans over years)"),
    flag_param("per_year", N_("Per year (assumes an even spread)"), False,
               "`1` spreads each period's total evenly over its years (labelled as an assumption in the chart, and in "
               "a table and CSV column)"),
    choice_param("scale", N_("Amount scale"), SCALES, "linear", "`linear` or `log`"),
))  # fmt: skip


def aid_options(facts: Facts) -> AidOptions:
    statuses = facts.statuses.sort_values("firmness")
    names = facts.actors.set_index("code")["name"]
    recipients = list(dict.fromkeys(facts.money["recipient_code"].dropna()))
    central = set(facts.actors.loc[facts.actors["role"] == "central_asia", "code"])
    return AidOptions(
        kinds=dict(zip(facts.flow_kinds["kind"], facts.flow_kinds["label"], strict=True)),
        statuses=dict(zip(statuses["status"], statuses["label"], strict=True)),
        recipients={code: str(names.get(code, code)) for code in recipients},
        years=year_bounds(facts.money["year_start"], facts.money["year_end"]),
        currencies={code: currency_words(code) for code in dict.fromkeys(facts.money["currency"].dropna().astype(str))},
        # Every recipient when none is Central Asian (a user's own data about elsewhere).
        default_recipients=tuple(c for c in recipients if c in central) or tuple(recipients),
        default_kinds=japans_money_kinds(facts),
    )
