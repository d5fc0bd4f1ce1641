"""The words of the aid charts' hovers: one figure's lines (amount, source's word, status, who
states it, whether it is an aggregate, where its sources differ, its quote) and a group's list of
its largest figures. Data text is escaped for Plotly here, and nowhere else in the aid charts."""

from __future__ import annotations

import textwrap

import pandas as pd

from core.evidence import differences_in_words
from core.formatting import first_and_more, format_usd, plotly_escaped, plotly_lines
from core.i18n import _, ngettext
from core.money import AGGREGATE_WORDS

HOVER_LIMIT = 5  # figures listed in one bar's hover; the rest are counted


def plain(text: str) -> str:
    """Data text for a tick, legend or template: escaped, with line breaks as <br>, and '%' as an
    entity so a hover template cannot read it as a placeholder."""
    return plotly_escaped(text).replace("\n", "<br>").replace("%", "&#37;")


LEGEND_CHARACTERS = 30  # a legend entry's longest line: Plotly never wraps them, and on a phone a
# status as long as "Committed (notes exchanged or agreement signed)" ran past the chart's edge


def legend_entry(text: str) -> str:
    """A trace's name for the legend: escaped (`plain`), wrapped at LEGEND_CHARACTERS."""
    return "<br>".join(plain(line) for line in textwrap.wrap(str(text), LEGEND_CHARACTERS)) or plain(str(text))


def flow_hover(row: pd.Series) -> str:
    amount = f"<b>{plotly_escaped(format_usd(row['amount'], row['qualifier'], currency=row['currency']))}</b>"
    if not pd.isna(row["qualifier"]):
        # The source's own word stays as written, like the quote: it is what the source says.
        amount += " " + _("(the source says “{qualifier}”)").format(qualifier=plotly_escaped(str(row["qualifier"])))
    return "<br>".join((
        amount,
        f"{plotly_escaped(str(row['recipient_name']))} · {plotly_escaped(str(row['kind_label']))}",
        _("Period: {period}").format(period=plotly_escaped(str(row["period"]))),
        _("Status: {status}").format(status=plotly_escaped(str(row["status_label"]))),
        *_provenance_lines(row),
        f"<i>“{plotly_lines(row['quote'])}”</i> ({plotly_escaped(row['source_id'])}, {plotly_escaped(row['locator'])})",
    ))  # fmt: skip


def _provenance_lines(row: pd.Series) -> list[str]:
    """Who states the figure (a government's own figure), whether it is an aggregate, and whether
    its sources differ: each a line of the hover, only where the data says so."""
    lines = []
    stated_by = row.get("stated_by_name")
    if stated_by is not None and not pd.isna(stated_by):
        lines.append(_("Stated by the government of {party}").format(party=plotly_escaped(str(stated_by))))
    aggregate = row.get("aggregate")
    if aggregate is not None and not pd.isna(aggregate):
        words = _(AGGREGATE_WORDS.get(str(aggregate), str(aggregate)))
        lines.append(_("Aggregate: {what}; never added to a figure it may hold").format(what=plotly_escaped(words)))
    differ = row.get("sources_differ")
    if differ is not None and not pd.isna(differ):
        lines.append(_("Sources differ: {values}").format(values=plotly_lines(differences_in_words(differ))))
    return lines


def more_figures(count: int) -> str:
    """'… and 3 more figures (see the table)', the last line of a hover that lists only the largest."""
    return "{items}<br><br>" + ngettext(
        "… and {n} more figure (see the table)", "… and {n} more figures (see the table)", count
    )


def group_hovers(flows: pd.DataFrame, keys: list[str], line, sizes: pd.Series) -> pd.Series:
    """Per group: the HOVER_LIMIT largest figures as hover lines, and a count of the rest.

    `flows` must be largest first, as `money_view` is and filtering keeps: the first rows of a
    group are then its largest. `sizes`: each group's number of rows (indexed by `keys`).
    """
    top = _first_rows_per_group(flows, keys, sizes)
    lines = top.assign(line=[line(row) for _index, row in top.iterrows()])
    grouped = lines.groupby(keys, sort=False, observed=True)["line"].agg(list)
    counts = sizes.reindex(grouped.index)
    hovers = [
        first_and_more(group, HOVER_LIMIT, total=int(count), separator="<br><br>", more=more_figures)
        for group, count in zip(grouped, counts, strict=True)
    ]
    return pd.Series(hovers, index=grouped.index)


def _first_rows_per_group(flows: pd.DataFrame, keys: list[str], sizes: pd.Series) -> pd.DataFrame:
    """The first HOVER_LIMIT rows of each group.

    NOTE: read from a growing head of the frame, not the whole of it: in a largest-first million
    rows, a few thousand usually hold every group's largest. A group's size says when its rows
    are all found; the head grows eightfold until they are, up to the whole frame.
    """
    wanted = sizes.clip(upper=HOVER_LIMIT)
    head = HOVER_LIMIT * 64 * max(len(sizes), 1)
    while True:
        top = flows.head(head).groupby(keys, observed=True, sort=False).head(HOVER_LIMIT)
        if head >= len(flows):
            return top
        found = top.groupby(keys, observed=True, sort=False).size().reindex(wanted.index, fill_value=0)
        if (found >= wanted).all():
            return top
        head *= 8
