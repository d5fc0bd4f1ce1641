"""The aid page's pure functions and figures, table-driven."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from core import aid
from core.aid.rows import narrow_legend_px
from core.chart_text import describe, plain
from core.columns import COLUMNS
from core.facts import Facts, load_facts
from core.i18n import use_language
from core.money import money_view
from core.periods import overlaps
from core.scopes import Scopes
from core.style import status_style
from core.text_width import narrowest_plot_px, plain_text_px
from core.url_state import QueryReader


@pytest.fixture(scope="module")
def options(bundled_facts: Facts) -> aid.params.AidOptions:
    return aid.params.aid_options(bundled_facts)


@pytest.fixture(scope="module")
def view(bundled_facts: Facts) -> pd.DataFrame:
    return money_view(bundled_facts)


def flows(rows: list[tuple]) -> pd.DataFrame:
    """A small money view: (id, recipient, amount, qualifier, start, end, status)."""
    frame = pd.DataFrame(rows, columns=["flow_id", "recipient_code", "amount", "qualifier", "year_start",
                                        "year_end", "status"])  # fmt: skip
    return frame.assign(
        amount=frame["amount"].astype("Int64"),
        currency="USD",
        year_start=frame["year_start"].astype("Int64"),
        year_end=frame["year_end"].astype("Int64"),
        recipient_name=frame["recipient_code"],
        kind="aid",
        kind_label="Aid",
        status_label=frame["status"].str.title(),
        firmness=frame["status"].map({"realised": 1, "agreed": 2, "contracts_signed": 3}),
        period="p",
        description="d",
        source_id="s",
        quote="<b>q</b>",
        locator="¶1",
        official=False,
    )


@pytest.fixture(scope="module")
def filters(options: aid.params.AidOptions) -> Callable[..., aid.params.AidFilters]:
    """filters(**changes): the default filters, every recipient chosen, with those fields changed."""

    def build(**changes) -> aid.params.AidFilters:
        every = {"recipients": tuple(options.recipients)}
        return aid.params.AidFilters(**{**vars(aid.params.PARAMS.defaults(options)), **every, **changes})

    return build


@pytest.mark.parametrize(
    ("start", "end", "years", "expected"),
    [
        (1993, 2001, (2000, 2010), True),  # overlaps at its end
        (1993, 2001, (2001, 2001), True),  # touches one year
        (1993, 2001, (2002, 2019), False),
        (2015, 2015, (2015, 2015), True),  # single-year period
        (2015, 2015, (2016, 2019), False),
        (1954, None, (2010, 2019), True),  # open period: runs on from 1954
        (1954, None, (1900, 1953), False),
        (None, None, (1900, 2100), False),  # no period: overlaps nothing
    ],
)
def test_overlaps(start, end, years, expected) -> None:
    series = pd.array([start], dtype="Int64"), pd.array([end], dtype="Int64")
    assert overlaps(pd.Series(series[0]), pd.Series(series[1]), years).tolist() == [expected]


@pytest.mark.parametrize(
    ("changes", "expected_ids"),
    [
        # In US dollars, the view's currency by default: the seed's figures, Uzbekistan's two dollar loans and
        # the ODA White Papers' regional totals; not Kazakhstan's trade (M52), which is not Japan's money.
        ({}, ["M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09", "M12", "M15", "M50", "M51"]),
        ({"kinds": ("trade",)}, ["M52"]),
        ({"currency": "JPY", "statuses": ("pledged",)}, ["M13"]),
        ({"years": (2015, 2019), "undated": False}, ["M01", "M05", "M07", "M09"]),
        ({"years": (2015, 2019), "undated": True}, ["M01", "M03", "M04", "M05", "M06", "M07", "M08", "M09"]),
        ({"statuses": ("agreed", "contracts_signed")}, ["M08", "M09"]),
        ({"kinds": ("investment",), "recipients": ("KAZ", "TKM")}, ["M07", "M09"]),
        ({"years": (1993, 2001), "undated": False, "recipients": ("CA5", "AFG")}, ["M02", "M05"]),
        ({"recipients": ("KAZ",), "statuses": ("agreed",)}, []),
    ],
)
def test_filter_money(changes, expected_ids, filters, view) -> None:
    assert sorted(aid.data.filter_money(view, filters(**changes))["flow_id"]) == expected_ids


def test_the_view_is_largest_first_so_filtered_rows_are_too(filters, view) -> None:
    # The hovers take a group's first rows as its largest, and the table opens on the biggest figures.
    assert view["amount"].is_monotonic_decreasing
    kept = aid.data.filter_money(view, filters(years=(2015, 2019), undated=False))
    assert kept["amount"].is_monotonic_decreasing and len(kept) < len(view)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"recipients": ("KAZ",), "statuses": ("agreed",)}, "no figure matches all of them together"),
        ({"kinds": ()}, "kind of flow"),
        ({"years": (1954, 1960), "undated": False, "recipients": ("KAZ",)}, "no figure matches all"),
        ({"years": (1980, 1985), "undated": False, "recipients": ("KAZ", "TKM")}, "no figure matches all"),
    ],
)
def test_empty_reason_names_the_filters(changes, words, filters, view) -> None:
    f = filters(**changes)
    assert aid.data.filter_money(view, f).empty
    assert words in aid.data.empty_reason(view, f).lower()


def test_empty_reason_names_a_filter_that_excludes_everything_alone(filters) -> None:
    small = flows([("A", "KAZ", 10, None, 2005, 2006, "realised")])
    f = filters(years=(2010, 2019), undated=False)
    reason = aid.data.empty_reason(small, f)
    assert reason.startswith("No figure matches the year range (with figures of no stated period dropped) chosen.")


def test_annualise_spreads_closed_periods_and_leaves_the_rest() -> None:
    small = flows([
        ("A", "KAZ", 15, None, 2005, 2019, "realised"),  # 15 years
        ("B", "TKM", 18, None, 2015, 2015, "contracts_signed"),  # one year
        ("C", "SSEA", 300, "some", 1954, None, "realised"),  # open
        ("D", "UZB", 6, None, None, None, "agreed"),  # no period
    ])  # fmt: skip
    spread = aid.data.annualise(small)
    per_flow = spread.groupby("flow_id")["amount_per_year"].agg(["count", "sum", "first"])
    assert per_flow.loc["A"].tolist() == [15, 15.0, 1.0]
    assert per_flow.loc["B"].tolist() == [1, 18.0, 18.0]
    assert set(spread["flow_id"]) == {"A", "B"}
    assert aid.data.not_annualisable(small)["flow_id"].tolist() == ["C", "D"]
    assert aid.data.annualise(small, (2015, 2016))["year"].tolist() == [2015, 2016, 2015]


def data_of(frame: pd.DataFrame, memberships: dict | None = None) -> aid.data.AidData:
    return aid.data.AidData(view=frame, scopes=Scopes(memberships or {}), names={})


def test_totals_never_mix_statuses_and_leave_undated_figures_apart() -> None:
    small = flows([
        ("A", "KAZ", 10, None, 2005, 2006, "realised"),
        ("E", "TKM", 4, None, 2007, 2007, "realised"),
        ("B", "USA", 5, "approximately", None, None, "realised"),
        ("C", "UZB", 7, None, None, None, "agreed"),
    ])  # fmt: skip
    totals = aid.view.totals(small, data_of(small), (2000, 2019)).set_index("status")
    realised, agreed = totals.loc["Realised"], totals.loc["Agreed"]
    assert realised["total"] == "US$14" and realised["adds"] == "2 figures: A; E"  # not B: no stated period
    assert realised["not added"] == "B (no stated period)"
    assert agreed["total"] == "US$7 (one figure, not a sum)" and agreed["not added"] == "C (no stated period)"


def test_totals_of_a_group_and_its_member_are_not_added() -> None:
    small = flows(
        [("R", "CA5", 12, "approximately", 1993, 2001, "realised"), ("K", "KAZ", 5, None, 2005, 2006, "realised")]
    )
    totals = aid.view.totals(small, data_of(small, {"CA5": {"KAZ": "definition"}}), (1990, 2019))
    assert totals["total"].tolist() == ["no total"]
    assert "no total: CA5 includes KAZ" in totals["not added"].iloc[0]
    unknown = aid.view.totals(small, data_of(small, {"CA5": {"KAZ": "unknown"}}), (1990, 2019))
    assert unknown["total"].tolist() == ["no total"] and "leaves open" in unknown["not added"].iloc[0]
    apart = aid.view.totals(small, data_of(small), (1990, 2019))  # disjoint: added, and approximate
    assert apart["total"].tolist() == ["approximately US$17"] and apart["of which vague"].tolist() == [1]


def test_read_filters_from_a_link_with_bad_parts(options) -> None:
    reader = QueryReader({"recipient": ["KAZ", "ZZZ"], "years": ["2019-1993"], "by": ["colour"], "foo": ["1"]})
    f = aid.params.PARAMS.read(reader, options)
    notices = reader.finish()
    assert f.recipients == ("KAZ",) and f.years == (1993, 2019) and f.by == "recipient"
    assert len(notices) == 4


def bars_of(frame: pd.DataFrame, by: str = "recipient", years=(1950, 2019)):
    units, count = aid.figures.bar_units(frame, by, data_of(frame), years)
    return aid.figures.bars_figure(units, by), count


def test_every_bars_amount_ends_inside_the_narrowest_chart_and_the_axis_holds_the_longest_bar() -> None:
    """The amount is written past its bar's end: the axis ends where, at the narrowest chart that
    draws it (NARROWEST_WORDS_CHART_PX, with the figure's own margins), each amount ends inside the
    chart. At 1.35x the longest bar a long Russian amount beside it was cut there."""
    from core import i18n
    from core.text_width import SLACK_PX

    def fits(figure) -> None:
        end, right = figure.layout.xaxis.range[1], figure.layout.margin.r
        plot = narrowest_plot_px(figure.layout.margin.l, right)
        bars = [(x, text) for trace in figure.data for x, text in zip(trace.x, trace.text, strict=True)]
        assert end >= max(x for x, _text in bars) > 0
        for x, text in bars:
            reach = x / end * plot + aid.rows.AMOUNT_PAD_PX + plain_text_px(text, aid.rows.AMOUNT_FONT_PX)
            assert reach <= plot + right - SLACK_PX + 1e-6, (text, reach, plot + right)

    small = flows([
        ("A", "TKM", 18_000_000_000, None, 2013, 2015, "contracts_signed"),
        ("B", "CA5", 12_000_000_000, "approximately", 1993, 2001, "agreed"),
        ("C", "UZB", 395_000_000, "up to", 2017, 2019, "realised"),
    ]).assign(recipient_name=["Туркменистан", "Государства Центральной Азии", "Узбекистан"])  # fmt: skip
    for language in ("en", "ru"):
        with i18n.use_language(language):
            figure, _count = bars_of(small)
        fits(figure)
    zero = aid.figures.bars_figure([aid.figures.Bar("Kazakhstan", "", "realised", "Realised", 0, 0.0, "US$0", "")],
                                   "recipient")  # fmt: skip
    assert zero.layout.xaxis.range[1] == 1  # an axis however the amounts stand


def test_bars_add_only_what_the_rule_allows_and_draw_the_rest_beside() -> None:
    small = flows([
        ("A", "KAZ", 5_500_000_000, None, 2005, 2019, "realised"),
        ("D", "KAZ", 1_000_000_000, "approximately", 2001, 2003, "realised"),
        ("B", "KAZ", 2_000_000_000, None, None, None, "realised"),
        ("C", "UZB", 6_500_000_000, None, None, None, "agreed"),
    ])  # fmt: skip
    figure, count = bars_of(small)
    assert [t.name for t in figure.data] == ["Realised", "Agreed"] and count == 3
    realised, agreed = figure.data
    assert list(realised.x) == [7.0, 2.0]  # A + D added; B (no period) beside it, not added
    assert list(realised.text) == ["≈ US$7 bn", "US$2 bn"]  # 6.5 bn approximate to the vague term's billions
    assert "sum of 2 figures: A; D" in realised.y[0] and "B (no stated period)" in realised.y[1]
    assert "&lt;b&gt;q&lt;/b&gt;" in realised.customdata[0]  # data is escaped in hover
    assert realised.customdata[0].count("Period:") == 2 and "Not added" in realised.customdata[1]
    assert agreed.marker.pattern.shape == "/" and realised.marker.pattern.shape == ""
    assert figure.layout.barmode == "overlay"  # one bar a row: never a stack


def test_spans_figure_spans_years_and_marks_open_periods() -> None:
    small = flows([
        ("A", "KAZ", 15, None, 2005, 2019, "realised"),
        ("C", "SSEA", 300, "some", 1954, None, "realised"),
        ("B", "TKM", 18, None, 2015, 2015, "contracts_signed"),
    ])  # fmt: skip
    figure = aid.spans.spans_figure(small, (1954, 2019))
    realised = figure.data[0]
    assert realised.orientation == "h"
    assert list(realised.base) == [2005, 1954] and list(realised.x) == [15, 66]
    # An open period is drawn white with the status's outline and pattern, not paler (1.4.11).
    colour = status_style("realised").colour
    assert list(realised.marker.color) == [colour, "#ffffff"] and realised.marker.line.color == colour
    assert list(realised.marker.pattern.fgcolor)[1] == colour and list(realised.marker.pattern.shape)[1] != ""
    assert realised.marker.opacity is None
    assert "end not stated" in realised.text[1]
    assert list(figure.data[1].x) == [1]  # a single-year figure is one year wide


def test_a_late_short_spans_amount_is_written_before_it_where_past_its_end_it_would_be_cut() -> None:
    """At the narrowest chart that shows amounts (NARROWEST_WORDS_CHART_PX), a period open since 2023 runs
    to the axis's end, and its amount ("… · end not stated") written past it ran out of the chart.
    It goes before the span's start; an early span's amount stays on it or past its end."""
    small = flows([
        ("LATE", "UZB", 200_000_000, "up to", 2023, None, "agreed"),
        ("EARLY", "KAZ", 5_500_000_000, None, 1993, 2002, "realised"),
    ])  # fmt: skip
    figure = aid.spans.spans_figure(small, (1951, 2026))
    realised, agreed, written_before = figure.data
    assert list(agreed.textposition) == ["none"] and list(realised.textposition) == ["auto"]
    assert written_before.mode == "text" and list(written_before.text) == list(agreed.text)
    assert written_before.x[0] < 2023 and written_before.textposition == "middle left"
    assert written_before.hoverinfo == "skip" and written_before.showlegend is False
    # The text alternative names each amount once, from its bar.
    words = describe(figure, "The chart")
    assert words.count("up to") == 1 and "2023" in words


def test_an_amount_is_placed_by_the_span_as_drawn_and_never_over_the_labels() -> None:
    # Running to 2100, the span is drawn 2020-2026 only: too short for its amount, which past the
    # axis's end has only the margin. Measured whole, it seemed wide enough to hold it.
    future = aid.spans.spans_figure(flows([("F", "KAZ", 5_500_000_000, "approximately", 2020, 2100, "realised")]),
                                         (1951, 2026))  # fmt: skip
    assert [trace.type for trace in future.data] == ["bar", "scatter"]
    # Four years: an open span's long amount fits neither side. Before the start it would cover the
    # y labels; it stays past the end.
    cramped = aid.spans.spans_figure(flows([("O", "UZB", 200_000_000, "up to", 2002, None, "agreed")]),
                                          (2000, 2003))  # fmt: skip
    assert [trace.type for trace in cramped.data] == ["bar"] and list(cramped.data[0].textposition) == ["inside"]
    # On one line it ran out of the chart: it is broken over lines that each fit its half of the plot.
    (written,) = cramped.data[0].text
    lines = written.split("<br>")
    room = narrowest_plot_px(cramped.layout.margin.l, aid.spans.PERIODS_MARGIN_RIGHT) / 2 - 2 * aid.spans.AMOUNT_PAD_PX
    assert len(lines) >= 2 and all(plain_text_px(line, aid.spans.AMOUNT_FONT_PX) <= room for line in lines), lines
    assert plain(written) == "up to US$200 m · end not stated"  # read whole by the text alternative


def test_an_amount_that_fits_nowhere_on_one_line_is_broken_over_the_fewest_lines() -> None:
    """Open since `start`, the amount fits on one line neither on its span, nor in the margin past
    it, nor before its start; it goes where it takes the fewest lines, each inside that room."""
    amount = "approximately US$5.5 bn · end not stated"
    pad, font = aid.spans.AMOUNT_PAD_PX, aid.spans.AMOUNT_FONT_PX
    for margin_left, start, place, room_years in ((100, 2005, "before", 2005 - 1951), (200, 2020, "auto", None)):
        (placed,), (written,) = aid.spans._amount_places([amount], np.array([start]), np.array([2026]), (1951, 2026),
                                                         margin_left)  # fmt: skip
        plot = narrowest_plot_px(margin_left, aid.spans.PERIODS_MARGIN_RIGHT)
        room = plot * room_years / 76 if room_years else aid.spans.PERIODS_MARGIN_RIGHT
        lines = written.split("<br>")
        assert placed == place and len(lines) >= 2 and plain(written) == amount, (placed, written)
        assert all(plain_text_px(line, font) <= room - 2 * pad for line in lines), (room, lines)
    # Written before the start, in the text-only trace.
    late = aid.spans.spans_figure(flows([("L", "KAZ", 5_500_000_000, "approximately", 2005, None, "realised")]),
                                  (1951, 2026))  # fmt: skip
    bar, words = late.data
    assert list(bar.textposition) == ["none"] and words.mode == "text" and "<br>" in words.text[0]


def test_amounts_that_fit_past_their_spans_end_get_no_words_trace() -> None:
    small = flows([("MID", "UZB", 200_000_000, "up to", 1990, 1990, "agreed")])
    figure = aid.spans.spans_figure(small, (1951, 2026))
    assert [trace.type for trace in figure.data] == ["bar"] and list(figure.data[0].textposition) == ["auto"]


def test_per_year_figure_says_the_assumption() -> None:
    small = flows([("A", "KAZ", 10, None, 2005, 2006, "realised")])
    figure = aid.figures.per_year_figure(aid.data.annualise(small), data_of(small))
    assert "even spread" in plain(figure.layout.yaxis.title.text)  # wrapped over two lines
    # Said once, in the legend's title: in every entry, it made the Russian legend on a phone
    # taller than Plotly lets a legend be, and Plotly cut it.
    assert "spread evenly over its period" in plain(figure.layout.legend.title.text)
    assert "spread" not in plain(figure.data[0].name)
    assert list(figure.data[0].x) == [2005, 2006]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_per_year_chart_grows_by_its_legend_and_wraps_the_legends_title(language: str) -> None:
    statuses = ["realised", "agreed", "contracts_signed"]
    rows = [(f"F{n}", "KAZ", 10, None, 2005, 2006, status) for n, status in enumerate(statuses)]
    small = flows(rows[:1])
    several = flows(rows)
    with use_language(language):
        one = aid.figures.per_year_figure(aid.data.annualise(small), data_of(small))
        three = aid.figures.per_year_figure(aid.data.annualise(several), data_of(several))
    assert len(three.data) == 3 and three.layout.height > one.layout.height >= aid.figures.PER_YEAR_HEIGHT
    # The legend's entries stand one under another on a phone: the figure holds them beside the plot's own height.
    entries = narrow_legend_px([trace.to_plotly_json() for trace in three.data])
    assert three.layout.height - aid.figures.PER_YEAR_HEIGHT >= entries
    lines = three.layout.legend.title.text.split("<br>")
    assert len(lines) >= 2 and all(plain_text_px(line, 12) <= aid.figures.LEGEND_TITLE_LINE_PX for line in lines)


def test_table_has_exact_dollars_and_provenance(view) -> None:
    shown = aid.table.table(view)
    assert list(shown.columns[-6:]) == ["source_id", "locator", "quote", "source_ids", "publishers", "urls"]
    assert shown.set_index("flow_id").loc["M07", "amount"] == 5_500_000_000
    assert aid.table.PER_YEAR_COLUMN not in shown.columns


def test_per_year_table_names_the_assumption_and_leaves_gaps(view) -> None:
    shown = aid.table.table(view, per_year=True).set_index("flow_id")
    column = aid.table.PER_YEAR_COLUMN
    assert "even spread" in COLUMNS[column].heading and "assumption" in COLUMNS[column].description
    assert shown.loc["M07", column] == 366_666_667  # 5.5 bn over 2005-2019, 15 years
    assert shown.loc["M09", column] == 18_000_000_000  # a single year keeps its whole amount
    assert pd.isna(shown.loc["M01", column]) and pd.isna(shown.loc["M08", column])  # open; no period


def test_on_generated_data_every_bar_is_a_lawful_total_or_one_figure(tmp_path) -> None:
    from scripts.generate_data import generate

    generate(tmp_path, 400)
    facts = load_facts(tmp_path)
    data = aid.data.aid_data(facts)
    years = (1980, 2010)
    units, count = aid.figures.bar_units(data.view, "recipient", data, years)
    assert count > len(units) == aid.figures.BARS_DRAWN  # the largest are drawn, the rest counted
    by_id = data.view.set_index("flow_id")
    for unit in units:
        if "sum of" not in unit.detail:
            assert unit.detail.split(" · ")[-1].split(" ")[0] in by_id.index  # a lone figure, named
            continue
        ids = unit.detail.split(": ", 1)[1].split("; ")
        terms = by_id.loc[[i for i in ids if i in by_id.index]]
        assert terms["status"].nunique() == 1 and terms["kind"].nunique() == 1
        assert terms["year_start"].notna().all() and (terms["year_start"] >= years[0]).all()
        assert terms["year_end"].notna().all() and (terms["year_end"] <= years[1]).all()
        assert not data.scopes.overlapping(terms["recipient_code"].astype(str))


def test_the_per_year_caption_names_a_few_figures_and_counts_the_rest() -> None:
    rows = [(f"F{i}", "KAZ", 1000 - i, None, 2000, None, "realised") for i in range(40)]
    text = aid.data.not_annualisable_text(flows(rows))
    assert text.count("KAZ") == aid.data.LISTED_APART
    assert text.endswith(f"; and {40 - aid.data.LISTED_APART} more (the table lists them)")
    assert "KAZ" in aid.data.not_annualisable_text(flows(rows[:2])) and "more" not in aid.data.not_annualisable_text(
        flows(rows[:2])
    )


def test_the_shared_view_says_why_it_is_empty(filters, view) -> None:
    nothing = filters(statuses=("agreed",), recipients=("KAZ",))
    data = data_of(view)
    assert aid.view.aid_view(data, nothing).empty_reason == aid.data.empty_reason(view, nothing) != ""
    assert aid.view.aid_view(data, filters()).empty_reason == ""


def test_a_bar_whose_figures_are_all_far_down_still_lists_them() -> None:
    # Hover rows are read from a growing head of the largest-first rows; a group of small figures
    # (here all after 2,000 larger ones) must still be found, not left with an empty hover.
    big = [(f"A{n}", "KAZ", 10_000_000 + n, None, 2010, 2010, "realised") for n in range(2000)]
    small = [(f"B{n}", "UZB", 100 + n, None, 2010, 2010, "realised") for n in range(3)]
    frame = flows(big + small).sort_values("amount", ascending=False, kind="stable").reset_index(drop=True)
    assert len(frame) > aid.hover.HOVER_LIMIT * 64 * 2  # the first head holds none of UZB's rows
    bar = bars_of(frame, years=(2010, 2010))[0].data[0]
    hovers = {label.split("<br>")[0]: hover for label, hover in zip(bar.y, bar.customdata, strict=True)}
    assert all(f"<b>US${amount:,}</b>" in hovers["UZB"] for amount in (100, 101, 102))
    assert hovers["KAZ"].startswith("<b>US$20 bn</b>: a total of 2,000 figures")
    assert hovers["KAZ"].count("<b>US$") == 1 + aid.hover.HOVER_LIMIT and "and 1,995 more figures" in hovers["KAZ"]


def test_per_year_adds_within_status_and_kind_and_never_overlapping_recipients() -> None:
    small = flows([
        ("R", "CA5", 12, None, 2000, 2001, "realised"),
        ("K", "KAZ", 4, None, 2001, 2002, "realised"),
        ("U", "UZB", 6, None, 2001, 2001, "agreed"),
    ])  # fmt: skip
    spread = aid.data.annualise(small)
    apart = aid.figures.per_year_figure(spread, data_of(small, {"CA5": {"KAZ": "definition"}}))
    assert [t.name for t in apart.data] == ["Realised · Aid · R", "Realised · Aid · K", "Agreed · Aid"]
    added = aid.figures.per_year_figure(spread, data_of(small))  # no membership: the two are added
    realised = added.data[0]
    assert realised.name == "Realised · Aid" and list(realised.y * 1e9) == pytest.approx([6, 8, 2])
