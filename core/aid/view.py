"""The aid page's view model: what one filter state shows (bars, totals by status and kind, the
table), built once per state so sessions can share it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from core.aid.data import AidData, empty_reason, filter_money
from core.aid.figures import bar_units, bars_figure
from core.aid.params import AidFilters
from core.aid.table import table
from core.formatting import ScreenTable, format_usd, screen_table
from core.i18n import N_, _
from core.sums import Sum, add_up

# The totals table's columns (headings translated where shown).
TOTALS_COLUMNS = (N_("status"), N_("kind of flow"), N_("total"), N_("adds"), N_("not added"), N_("of which vague"))


def totals(flows: pd.DataFrame, data: AidData, years: tuple[int, int]) -> pd.DataFrame:
    """One row per status and kind of flow, firmest first: the total under the one rule
    (core.sums), what it adds, and the figures it leaves apart with the reason. A total across
    statuses or kinds of flow never appears.

    The columns are English identifiers (TOTALS_COLUMNS); components.tables translates the
    headings on screen. The cells are in the run's language."""
    rows = []
    for (_firmness, status_label, kind_label), group in flows.groupby(
        ["firmness", "status_label", "kind_label"], observed=True, sort=True
    ):
        result = add_up(group, data.scopes, years, data.names)
        lone = len(group) == 1 and result.total is None  # one figure with no period: shown as itself
        one = format_usd(group["amount"].iloc[0], group["qualifier"].iloc[0], currency=group["currency"].iloc[0])
        rows.append(dict(zip(TOTALS_COLUMNS, (
            status_label,
            kind_label,
            _("{amount} (one figure, not a sum)").format(amount=one) if lone else result.words(),
            result.added_words() if result.total is not None else _("nothing"),
            "; ".join(part for part in (result.apart_words(), _no_total(result, len(group))) if part),
            result.vague,
        ), strict=True)))  # fmt: skip
    return pd.DataFrame(rows, columns=list(TOTALS_COLUMNS))


def _no_total(result: Sum, figures: int) -> str:
    if result.total is not None or figures < 2:
        return ""
    rest = result.apart_count and result.apart_count < figures  # some figures were left to add
    if rest:
        return _("no total of the rest: {reason}").format(reason=result.reason)
    return _("no total: {reason}").format(reason=result.reason)


@dataclass(frozen=True)
class AidView:
    """What the page shows for one filter state that is small whatever the data's size."""

    figures: int  # rows kept by the filters
    totals: ScreenTable  # totals: a row per status and kind of flow
    bars: go.Figure | None  # the bar chart, when the filters ask for it and something is left
    bars_total: int  # how many bars there are (at most BARS_DRAWN are drawn)
    bars_drawn: int
    table: ScreenTable  # the rows kept, largest first, the first SHOWN_ROWS ready for the screen
    empty_reason: str  # why nothing is kept, or "" (empty_reason)


def aid_view(data: AidData, filters: AidFilters) -> AidView:
    """The bar chart and totals for one filter state, built in one place so the page can share
    them between sessions (`components.data.for_filters`). The per-year and over-time charts are
    built by the page on each rerun: they are other views of the same rows, drawn less often."""
    flows = filter_money(data.view, filters)
    wanted = not flows.empty and not filters.per_year and filters.chart != "time"
    bars, count = bar_units(flows, filters.by, data, filters.years) if wanted else ([], 0)
    return AidView(
        figures=len(flows),
        totals=screen_table(totals(flows, data, filters.years)),
        bars=bars_figure(bars, filters.by, filters.scale == "log", filters.currency) if bars else None,
        bars_total=count,
        bars_drawn=len(bars),
        table=screen_table(flows, lambda rows: table(rows, filters.per_year)),
        empty_reason="" if len(flows) else empty_reason(data.view, filters),
    )
