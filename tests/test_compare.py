"""The comparison page's pure functions and figures, table-driven, from small frames and the bundled data."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pandas as pd
import pytest

from core.columns import LIST_SEPARATOR, QUOTE_SEPARATOR
from core.compare import data as compare_data
from core.compare import figures as compare_figures
from core.compare import view as compare_view
from core.compare.cells import Cell, FactNote, NoTotal, NotStated, Stated, comparison, stated_nothing
from core.compare.data import CompareData
from core.compare.params import MAX_LISTED_EVENTS, PARAMS, CompareFilters, chosen_metrics, empty_reason
from core.compare.regional import regional_events, regional_figures, regional_part
from core.compare.table import TEXT_WIDTH, order_cells, text_widths
from core.compare.table import table as comparison_table
from core.facts import Facts, load_facts
from core.formatting import NOT_STATED, escape_markdown, for_display
from core.url_state import QueryReader

ALL_METRICS = ("money.realised", "money.agreed", "investment.realised", "companies", "events", "security", "latest")


def frame(columns: str, rows: list[tuple], integers: str = "") -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=columns.split())
    return table.astype({name: "Int64" for name in integers.split()}).astype(
        {name: "string" for name in table.columns if name not in integers.split()}
    )


CA5_OF_TWO = [("CA5", "KAZ", "definition"), ("CA5", "TJK", "definition")]


def small_facts(
    money: list[tuple], events: list[tuple] = (), figures: list[tuple] = (), memberships: list[tuple] = CA5_OF_TWO
) -> SimpleNamespace:
    """Tiny tables in the loader's shapes. money: (id, recipient, amount, qualifier, start, end, kind, status);
    events: (id, start, end, category, countries, title); figures: (id, country, value, qualifier, start, end);
    memberships: (group, member, basis). The region CA5 has two states here, KAZ and TJK."""
    money_cols = "flow_id donor_code recipient_code location_code amount qualifier year_start year_end kind status"
    event_cols = "event_id year_start year_end date_precision category countries title"
    figure_cols = "figure_id subject country_code value qualifier unit year_start year_end description"
    return SimpleNamespace(
        actors=frame("code name kind role", [
            ("KAZ", "Kazakhstan", "state", "central_asia"),
            ("TJK", "Tajikistan", "state", "central_asia"),
            ("JPN", "Japan", "state", "japan"),
            ("USA", "United States", "state", "other_power"),
            ("CA5", "Central Asian states", "region", "central_asia"),
        ]),
        memberships=frame("group_code member_code basis", memberships),
        statuses=frame("status label firmness", [("realised", "Realised", 1), ("agreed", "Agreed", 2)], "firmness"),
        flow_kinds=frame("kind label", [("aid", "Aid"), ("investment", "Investment")]),
        categories=frame("category label", [("security", "Security incidents"), ("dialogue", "Dialogue")]),
        money=frame(money_cols, [(i, "JPN", r, None, a, q, s, e, k, st) for i, r, a, q, s, e, k, st in money],
                    "amount year_start year_end").assign(
            currency="USD", description="d", note=pd.NA, source_id="src", quote="<b>quoted</b> words", locator="¶7"
        ),
        events=frame(event_cols, [(i, s, e, "year" if s is not None else "not_stated", c, n, t)
                                  for i, s, e, c, n, t in events], "year_start year_end").assign(
            description="d", source_id="src", quote="event words", locator="¶3"
        ),
        figures=frame(figure_cols, [(i, "companies_japanese_capital", c, v, q, "companies", s, e, "d")
                                    for i, c, v, q, s, e in figures], "value year_start year_end").assign(
            source_id="src", quote="figure words", locator="¶9"
        ),
    )  # fmt: skip


SMALL = small_facts(
    money=[
        ("M1", "KAZ", 5_000, None, 2005, 2019, "investment", "realised"),
        ("M2", "KAZ", 1_000, "approximately", 2010, 2010, "aid", "realised"),
        ("M3", "KAZ", 700, None, None, None, "investment", "agreed"),  # no period
        ("M4", "CA5", 12_000, "approximately", 1993, 2001, "aid", "realised"),  # the region as a whole
        ("M5", "USA", 3_000, None, None, None, "aid", "realised"),
        ("M6", "KAZ", 2_000, None, 2012, 2012, "aid", "realised"),
    ],
    events=[
        ("E1", 2004, 2004, "dialogue", "JPN;KAZ;TJK", "Dialogue launched"),  # every state of CA5: the region
        ("E2", 2005, 2005, "security", "KAZ", "An incident"),
        ("E3", 2019, 2019, "dialogue", "JPN;KAZ", "A meeting"),
        ("E4", 2019, 2019, "dialogue", "KAZ", "Another meeting"),
        ("E5", 2006, 2006, "dialogue", "JPN;CA5", "Action Plan"),  # names the region only
        ("E6", None, None, "security", "KAZ", "Undated incident"),
    ],
    figures=[("F1", "KAZ", 70, "more than", None, None), ("F2", "CA5", 40, "some", None, None)],
)
DATA = compare_data.compare_data(SMALL)


def small_filters(**changes) -> CompareFilters:
    base = CompareFilters(
        countries=("KAZ", "TJK"), metrics=ALL_METRICS, years=(1990, 2020), undated=True, currency="USD", sort="value"
    )
    return CompareFilters(**{**vars(base), **changes})


def values(cells: list[Cell]) -> dict[tuple[str, str], object]:
    return {(c.country_code, c.metric): c.value for c in cells}


def test_options_come_from_the_data() -> None:
    options = DATA.options
    assert options.countries == {"KAZ": "Kazakhstan", "TJK": "Tajikistan", "USA": "United States"}  # no JPN, no CA5
    assert options.default_countries == ("KAZ", "TJK") and options.regions == {"CA5": "Central Asian states"}
    assert list(options.metrics) == [
        "money.realised", "money.agreed", "aid.realised", "investment.realised", "investment.agreed",
        "companies", "events", "security", "latest",
    ]  # fmt: skip
    assert options.default_metrics == ("money.realised", "money.agreed", "companies", "events", "security", "latest")
    assert options.metrics["investment.agreed"].label == "Investment: agreed"
    assert options.metrics["security"].label == "of which security incidents"
    assert options.years == (1993, 2019)


@pytest.mark.parametrize(
    ("case", "changes", "expected"),
    [
        (
            "a country with no facts: money and companies not stated, events a real 0",
            {"countries": ("TJK",), "years": (2010, 2020)},
            {
                ("TJK", "money.realised"): None,
                ("TJK", "money.agreed"): None,
                ("TJK", "investment.realised"): None,
                ("TJK", "companies"): None,
                ("TJK", "events"): 0,
                ("TJK", "security"): 0,
                ("TJK", "latest"): None,
            },
        ),
        (
            "two kinds are never added (no total); one figure is itself; the region's events and money in no cell",
            {"countries": ("KAZ",)},
            {
                ("KAZ", "money.realised"): None,  # M1 investment, M2 and M6 aid: no total
                ("KAZ", "money.agreed"): 700,  # one figure, no stated period: itself, marked
                ("KAZ", "investment.realised"): 5_000,
                ("KAZ", "companies"): 70,
                ("KAZ", "events"): 3,  # E2, E3, E4: not E1 (every state of CA5) nor E5 (CA5)
                ("KAZ", "security"): 1,
                ("KAZ", "latest"): 2019,
            },
        ),
        (
            "a figure with no period is kept (as itself) when undated figures are",
            {"countries": ("KAZ",), "years": (2015, 2016), "undated": True},
            {
                ("KAZ", "money.realised"): 5_000,  # M1 alone overlaps: one figure, partly outside the years
                ("KAZ", "money.agreed"): 700,
                ("KAZ", "investment.realised"): 5_000,
                ("KAZ", "companies"): 70,
                ("KAZ", "events"): 0,
                ("KAZ", "security"): 0,
                ("KAZ", "latest"): None,
            },
        ),
        (
            "a figure with no period is not stated when undated figures are dropped",
            {"countries": ("KAZ",), "years": (2015, 2016), "undated": False},
            {
                ("KAZ", "money.realised"): 5_000,
                ("KAZ", "money.agreed"): None,
                ("KAZ", "investment.realised"): 5_000,
                ("KAZ", "companies"): None,
                ("KAZ", "events"): 0,
                ("KAZ", "security"): 0,
                ("KAZ", "latest"): None,
            },
        ),
        (
            "a year range that excludes everything: every figure not stated, every count 0",
            {"years": (1950, 1960), "undated": False},
            {(c, m): (0 if m in ("events", "security") else None) for c in ("KAZ", "TJK") for m in ALL_METRICS},
        ),
        (
            "a country outside the region with one undated figure and no events",
            {"countries": ("USA",), "metrics": ("money.realised", "events")},
            {("USA", "money.realised"): 3_000, ("USA", "events"): 0},
        ),
        (
            "one kind, every period inside the years: a total, vague because M2 is",
            {"countries": ("KAZ",), "metrics": ("aid.realised",), "years": (2005, 2019)},
            {("KAZ", "aid.realised"): 3_000},
        ),
    ],
)
def test_comparison(case: str, changes: dict, expected: dict) -> None:
    assert values(comparison(DATA, small_filters(**changes))) == expected, case


def test_cells_keep_words_qualifiers_and_their_facts() -> None:
    cells = {c.metric: c for c in comparison(DATA, small_filters(countries=("KAZ",)))}
    realised = cells["money.realised"]
    assert realised.state == NoTotal("they are of different kinds of flow (Investment, Aid)")
    assert realised.value is None and realised.qualifier is None
    assert [(t.id, t.amount, t.qualifier) for t in realised.notes] == [
        ("M1", 5_000, None), ("M6", 2_000, None), ("M2", 1_000, "approximately")
    ]  # fmt: skip
    assert realised.text == (
        "US$5,000 (M1); US$2,000 (M6); approximately US$1,000 (M2) — no total: "
        "they are of different kinds of flow (Investment, Aid)"
    )
    agreed = cells["money.agreed"]
    assert agreed.state == Stated(700, caveat="no stated period")  # one plain figure stays plain
    assert agreed.text == "US$700 (no stated period)"
    assert cells["companies"].text == "more than 70"
    assert cells["latest"].text == "Another meeting (2019) and 1 more ending in 2019"
    assert [n.id for n in cells["events"].notes] == ["E4", "E3", "E2"]  # E1 and E5 name the region as a whole
    assert all(n.quote is None for n in cells["events"].notes)  # counts cite ids, not quotes


@pytest.mark.parametrize(
    ("case", "changes", "state", "text"),
    [
        ("a total of two figures names what it adds, and is vague as one of them is",
         {"metrics": ("aid.realised",), "years": (2005, 2019)},
         Stated(3_000, "approximately", adds="2 figures: M6; M2"),
         "approximately US$3,000 (total of 2 figures: M6; M2)"),
        ("a period reaching outside the years keeps the figures apart: no total",
         {"metrics": ("money.realised",), "years": (2010, 2012)},
         NoTotal("partly outside the years chosen (1 of 3)"),
         "US$5,000 (M1); US$2,000 (M6); approximately US$1,000 (M2) — no total: partly outside the years chosen "
         "(1 of 3)"),
        ("one figure in the years, partly outside them: itself, marked",
         {"metrics": ("investment.realised",), "years": (2010, 2011)},
         Stated(5_000, caveat="partly outside the years chosen"),
         "US$5,000 (2005–2019, partly outside the years chosen)"),
    ],
)  # fmt: skip
def test_money_cells_follow_the_rule_for_sums(case, changes, state, text) -> None:
    (cell,) = comparison(DATA, small_filters(**{"countries": ("KAZ",), **changes}))
    assert (cell.state, cell.text) == (state, text), case


def test_no_total_lists_the_figures_and_says_why_for_periods() -> None:
    data = compare_data.compare_data(small_facts(money=[
        ("A1", "KAZ", 6_000, "approximately", None, None, "aid", "realised"),
        ("A2", "KAZ", 3_000, None, None, None, "aid", "realised"),
        ("A3", "KAZ", 13_000, None, 2000, 2004, "aid", "realised"),
        ("A4", "KAZ", 1_000, None, 1999, 2001, "aid", "realised"),
    ]))  # fmt: skip
    (cell,) = comparison(data, small_filters(countries=("KAZ",), metrics=("money.realised",), years=(2000, 2010)))
    assert cell.state == NoTotal("no stated period (2 of 4); partly outside the years chosen (1 of 4)")
    assert cell.value is None and cell.figures == 4
    assert [t.id for t in cell.notes] == ["A3", "A1", "A2", "A4"]  # every figure, largest first
    assert cell.text == (
        "US$13,000 (A3); approximately US$6,000 (A1); US$3,000 (A2); and 1 more — no total: "
        "no stated period (2 of 4); partly outside the years chosen (1 of 4)"
    )
    (alone,) = comparison(data, small_filters(countries=("KAZ",), metrics=("money.realised",), years=(2000, 2010),
                                              undated=False))  # fmt: skip
    assert alone.state == NoTotal("partly outside the years chosen (1 of 2)")
    (inside,) = comparison(data, small_filters(countries=("KAZ",), metrics=("money.realised",), years=(1999, 2010),
                                               undated=False))  # fmt: skip
    assert inside.state == Stated(14_000, adds="2 figures: A3; A4")  # both inside: added


def test_the_regional_figures_are_apart_and_whole() -> None:
    regional = regional_figures(DATA, small_filters())
    assert regional[["region", "id", "value"]].values.tolist() == [
        ["Central Asian states", "M4", "approximately US$12,000"],
        ["Central Asian states", "F2", "some 40"],
    ]
    # Recorded with the region's code (E5) or with every one of its states (E1): region-wide alike.
    assert regional_events(DATA, small_filters())["event_id"].tolist() == ["E1", "E5"]
    outside = small_filters(countries=("USA",))  # no state of the region chosen: nothing regional to show
    assert regional_figures(DATA, outside).empty and regional_events(DATA, outside).empty
    narrowed = small_filters(years=(2002, 2020), metrics=("money.agreed",))
    assert regional_figures(DATA, narrowed).empty
    assert regional_events(DATA, narrowed).empty  # no event metric chosen: no regional events either


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("value", ["B", "a", "e", "C", "d"]), ("name", ["a", "B", "C", "d", "e"])],
)
def test_order_countries_puts_no_total_then_not_stated_last_when_by_value(sort: str, expected: list[str]) -> None:
    states = [("a", Stated(1)), ("B", Stated(5)), ("C", NotStated("gap")), ("d", NotStated("gap")),
              ("e", NoTotal("no stated period"))]  # fmt: skip
    cells = [Cell(name.upper(), name, "m", state, "") for name, state in states]
    assert order_cells(cells, sort) == expected


def test_a_not_stated_cell_rests_on_no_fact() -> None:
    note = FactNote("M1", "a figure", None, "src", 1)
    assert Cell("KAZ", "Kazakhstan", "m", NotStated("gap", related=(note,)), "not stated").value is None
    with pytest.raises(ValueError, match="rests on no fact"):
        Cell("KAZ", "Kazakhstan", "m", NotStated("gap"), "not stated", notes=(note,))


def test_table_has_words_exact_dollars_gaps_and_provenance() -> None:
    filters = small_filters(countries=("TJK", "KAZ"), metrics=("money.realised", "money.agreed", "events", "latest"))
    metrics = chosen_metrics(DATA.options, filters)
    table = comparison_table(comparison(DATA, filters), metrics, "value")
    assert list(table.columns) == [
        "country", "code", "Japanese money: realised", "Japanese money: agreed", "Dated events", "Latest dated event",
        "Japanese money: realised (US$, exact)", "Japanese money: agreed (US$, exact)",
        "fact ids", "source_id", "quote", "locator",
    ]  # fmt: skip
    kaz, tjk = table.to_dict("records")  # by the first metric: no total before not stated
    assert kaz["Japanese money: realised (US$, exact)"] == ""  # no total: no number, the words say why
    assert kaz["Japanese money: realised"].endswith("— no total: they are of different kinds of flow (Investment, Aid)")
    assert kaz["Japanese money: agreed (US$, exact)"] == 700 and kaz["Dated events"] == 3
    assert kaz["fact ids"] == "M1; M6; M2; M3; E4; E3; E2"
    quoted = "<b>quoted</b> words"
    assert kaz["quote"] == f"M1: {quoted} | M6: {quoted} | M2: {quoted} | M3: {quoted} | E4: event words"
    assert kaz["locator"] == "M1: ¶7; M6: ¶7; M2: ¶7; M3: ¶7; E4: ¶3"
    assert tjk["Japanese money: realised"] == "not stated (no source gives an amount; see M4 for the region)"
    assert pd.isna(tjk["Japanese money: agreed (US$, exact)"])
    assert tjk["Dated events"] == 0 and pd.isna(tjk["fact ids"])  # E1 names the whole region: no state's event
    shown = for_display(table).set_index("code")
    assert shown.loc["TJK", "Japanese money: realised (US$, exact)"] == NOT_STATED
    assert shown.loc["KAZ", "Japanese money: realised (US$, exact)"] == ""
    assert shown.loc["TJK", "Japanese money: agreed (US$, exact)"] == NOT_STATED
    assert shown.loc["TJK", "Latest dated event"] == "not stated (no dated event of its own)"
    by_name = comparison_table(comparison(DATA, filters), metrics, "name")
    assert by_name["code"].tolist() == ["KAZ", "TJK"]


def test_an_exact_column_with_no_no_total_stays_numbers() -> None:
    filters = small_filters(countries=("TJK", "KAZ"), metrics=("money.agreed",))
    table = comparison_table(comparison(DATA, filters), chosen_metrics(DATA.options, filters), "value")
    assert str(table["Japanese money: agreed (US$, exact)"].dtype) == "Int64"


def test_words_columns_are_wide_enough_for_their_words_up_to_a_cap() -> None:
    filters = small_filters(countries=("TJK", "KAZ"), metrics=("money.realised", "money.agreed", "events"))
    metrics = chosen_metrics(DATA.options, filters)
    widths = text_widths(comparison_table(comparison(DATA, filters), metrics, "value"), metrics)
    assert set(widths) == {"Japanese money: realised", "Japanese money: agreed"}  # counts are numbers
    assert widths["Japanese money: realised"] == TEXT_WIDTH[1]  # the no-total words are long: capped
    assert TEXT_WIDTH[0] <= widths["Japanese money: agreed"] < TEXT_WIDTH[1]


def test_stated_nothing_and_empty_reasons() -> None:
    assert stated_nothing(comparison(DATA, small_filters(years=(1950, 1960), undated=False)))
    assert not stated_nothing(comparison(DATA, small_filters()))
    no_total_only = small_filters(countries=("KAZ",), metrics=("money.realised",))
    assert not stated_nothing(comparison(DATA, no_total_only))  # figures stated, just not addable
    assert empty_reason(small_filters(countries=(), metrics=())) == (
        "Choose at least one country and one metric to compare."
    )
    assert empty_reason(small_filters()) is None


@pytest.fixture(scope="module")
def bundled(bundled_facts: Facts) -> CompareData:
    return compare_data.compare_data(bundled_facts)


def test_bundled_data_defaults_compare_the_five_states(bundled: CompareData) -> None:
    options = bundled.options
    assert options.default_countries == ("KAZ", "KGZ", "TJK", "TKM", "UZB")
    assert "JPN" not in options.countries and "CA5" not in options.countries
    cells = comparison(bundled, PARAMS.defaults(options))
    got = values(cells)
    assert got[("KAZ", "money.realised")] == 5_500_000_000
    assert got[("UZB", "money.agreed")] == 6_500_000_000  # stated with no period: kept by default
    assert got[("TKM", "money.contracts_signed")] == 18_000_000_000
    assert got[("KAZ", "companies")] == 70
    assert all(got[("TJK", m)] is None for m in ("money.realised", "money.agreed", "money.contracts_signed"))
    assert got[("KGZ", "security")] == 3  # Manas airport, ethnic conflict 2010, attack on China's embassy 2016
    regional = regional_figures(bundled, PARAMS.defaults(options))
    # ODA to Central Asia and the Caucasus in 2004 and 2005, and the ~$12 bn Japan hoped to give (M02).
    assert regional["id"].tolist() == ["M51", "M50", "M02"]


def test_read_filters_from_a_link_with_bad_parts(bundled: CompareData) -> None:
    reader = QueryReader({"country": ["KAZ", "ZZZ"], "metric": ["events,nope"], "years": ["2020-1990"],
                          "sort": ["size"], "x": ["1"]})  # fmt: skip
    filters = PARAMS.read(reader, bundled.options)
    notices = reader.finish()
    assert filters.countries == ("KAZ",) and filters.metrics == ("events",)
    assert filters.years == (1990, 2020) and filters.sort == "value"
    assert len(notices) == 5


def test_the_summary_names_the_countries_in_the_order_chosen(bundled: CompareData) -> None:
    # (That every state survives its link is tests/test_params.py's property test.)
    filters = CompareFilters(
        countries=("UZB", "USA"),
        metrics=("investment.agreed", "latest"),
        years=(2000, 2010),
        undated=False,
        currency="USD",
        sort="name",
    )
    assert PARAMS.summary(filters, bundled.options)["countries"] == "Uzbekistan, United States"


def test_money_figure_draws_stated_bars_and_marks_silence_in_grey() -> None:
    cells = comparison(DATA, small_filters(countries=("TJK", "KAZ", "USA"), metrics=("aid.realised",)))
    metric = DATA.options.metrics["aid.realised"]
    bars, silent, apart = compare_figures.metric_figure(cells, metric, "value").data
    assert (bars.type, silent.type, apart.type) == ("bar", "scatter", "scatter")
    # KAZ: M6 and M2, both inside the years, one kind: a total. USA: one undated figure, itself.
    assert list(bars.y) == ["Kazakhstan", "United States"] and list(bars.x) == [3e-6, 3e-6]  # US$ bn; a tie: by name
    assert list(bars.text) == ["≈ US$3,000", "US$3,000 ·<br>no period stated"]
    assert bars.marker.color == "#1f6f43" and bars.marker.pattern.shape == ""
    kaz, usa = bars.customdata
    assert "&lt;b&gt;quoted&lt;/b&gt;" in kaz and "<b>quoted</b>" not in kaz
    assert "the total of 2 figures: M6; M2" in kaz and "approximately" in kaz  # what it adds, and its word
    assert "Realised" in kaz and "(src, ¶7)" in kaz  # status and provenance
    assert "one figure, not a total: no stated period" in usa
    assert list(silent.y) == ["Tajikistan"] and list(silent.x) == [0]  # at zero height, not a bar
    assert list(silent.text) == [NOT_STATED] and silent.mode == "markers+text" and silent.type == "scatter"
    assert silent.textfont.color == compare_figures.NOT_STATED_COLOUR
    hover = silent.customdata[0]
    assert "not stated</b>: no source gives an amount for Tajikistan" in hover
    assert "What the sources do state:<br>M4 · approximately US$12,000 for Central Asian states" in hover
    assert not list(apart.y)


def test_figures_that_cannot_be_added_get_a_no_total_mark_never_a_bar() -> None:
    cells = comparison(DATA, small_filters(countries=("TJK", "KAZ"), metrics=("money.realised",)))
    figure = compare_figures.metric_figure(cells, DATA.options.metrics["money.realised"], "value")
    bars, silent, apart = figure.data
    assert not list(bars.y) and list(silent.y) == ["Tajikistan"]
    assert list(apart.y) == ["Kazakhstan"] and list(apart.x) == [0]
    assert list(apart.text) == ["no total · 3 figures"] and apart.mode == "markers+text"
    assert apart.marker.symbol != silent.marker.symbol and apart.marker.color == "#1f6f43"  # the status's colour
    hover = apart.customdata[0]
    assert "<b>no total</b> of 3 figures: they are of different kinds of flow (Investment, Aid)" in hover
    for line in ("M1 · US$5,000 · Investment", "M6 · US$2,000 · Aid", "M2 · approximately US$1,000 · Aid"):
        assert line in hover
    assert list(figure.layout.yaxis.categoryarray) == ["Tajikistan", "Kazakhstan"]  # no total above not stated


def test_count_figure_draws_a_real_zero_as_a_bar() -> None:
    cells = comparison(DATA, small_filters(countries=("TJK", "KAZ")))
    figure = compare_figures.metric_figure(cells, DATA.options.metrics["security"], "value")
    bars, silent, apart = figure.data
    assert list(bars.y) == ["Kazakhstan", "Tajikistan"] and list(bars.x) == [1, 0]
    assert list(bars.text) == ["1", "0"] and not list(silent.y) and not list(apart.y)
    assert "An incident (2005)" in bars.customdata[0]
    assert list(figure.layout.yaxis.categoryarray) == ["Tajikistan", "Kazakhstan"]  # the first at the top
    assert figure.layout.xaxis.dtick == 1  # whole numbers on a short count axis


def test_agreed_panel_has_its_status_pattern_and_sorts_by_name() -> None:
    cells = comparison(DATA, small_filters(countries=("TJK", "KAZ", "USA")))
    figure = compare_figures.metric_figure(cells, DATA.options.metrics["money.agreed"], "name")
    bars, silent, _ = figure.data
    assert bars.marker.pattern.shape == "/" and list(bars.y) == ["Kazakhstan"]
    assert list(silent.y) == ["Tajikistan", "United States"]
    assert list(figure.layout.yaxis.categoryarray) == ["United States", "Tajikistan", "Kazakhstan"]
    assert figure.layout.title.text == "Japanese money: agreed (US$ bn)"


def test_a_panel_with_nothing_stated_shows_no_scale() -> None:
    cells = comparison(DATA, small_filters(years=(1950, 1960), undated=False))
    figure = compare_figures.metric_figure(cells, DATA.options.metrics["money.realised"], "value")
    assert not list(figure.data[0].y) and list(figure.data[1].text) == [NOT_STATED, NOT_STATED]
    assert figure.layout.xaxis.showticklabels is False


def test_a_long_bar_label_gets_room_on_the_axis() -> None:
    cells = comparison(DATA, small_filters(countries=("KAZ",), metrics=("investment.realised",), years=(2010, 2011)))
    figure = compare_figures.metric_figure(cells, DATA.options.metrics["investment.realised"], "value")
    (label,) = figure.data[0].text
    assert label == "US$5,000 ·<br>partly outside the years"
    assert figure.layout.xaxis.range[1] > 2.5 * 5e-6  # the bar takes well under half the width


def test_comparison_figures_are_one_per_charted_metric() -> None:
    filters = small_filters()
    metrics = chosen_metrics(DATA.options, filters)
    figures = compare_figures.comparison_figures(comparison(DATA, filters), metrics, "value")
    assert [m.id for m, _ in figures] == [m for m in ALL_METRICS if m != "latest"]  # the latest event is text
    assert all(len(f.data) == 3 for _, f in figures)


def test_data_text_is_escaped_in_axis_and_hover() -> None:
    facts = small_facts(money=[("M1", "KAZ", 10, None, 2000, 2000, "aid", "realised")])
    facts.actors.loc[0, "name"] = "<i>Kaz</i>"
    data = compare_data.compare_data(facts)
    cells = comparison(data, small_filters(countries=("KAZ",), metrics=("money.realised",)))
    bars, _, _ = compare_figures.metric_figure(cells, data.options.metrics["money.realised"], "value").data
    assert list(bars.y) == ["&lt;i&gt;Kaz&lt;/i&gt;"] and bars.customdata[0].startswith("<b>&lt;i&gt;Kaz")


def test_a_big_data_set_shows_part_of_the_regional_figures_and_counts_all(tmp_path) -> None:
    from scripts.generate_data import generate

    generate(tmp_path, 3000)
    data = compare_data.compare_data(load_facts(tmp_path))
    filters = PARAMS.defaults(data.options)
    every = regional_figures(data, filters)
    first, total = regional_part(data, filters, limit=20)
    assert total == len(every) > 20
    assert first.equals(every.head(20))
    shown = compare_view.compare_view(data, filters)
    assert shown.regional.total == len(every) and shown.regional.shown == min(len(every), 1000)
    events = regional_events(data, filters)
    assert shown.regional_events_total == len(events) > MAX_LISTED_EVENTS
    listed = shown.regional_events_listed
    assert listed.startswith(escape_markdown(events["title"].iloc[0]) + " (")
    assert listed.count(";") == MAX_LISTED_EVENTS  # 12 events and the count of the rest
    assert listed.endswith(f"; and {len(events) - MAX_LISTED_EVENTS:,} more (the timeline lists them)")
    assert events["year_start"].is_monotonic_increasing  # in date order


@pytest.mark.parametrize("currency", ["USD", "JPY"])
def test_each_csv_cells_quotes_split_into_one_per_quoted_fact(bundled: CompareData, currency: str) -> None:
    # Uzbekistan's committed yen cited table rows written "label | value": its 10 facts gave 13 quotes.
    filters = dataclasses.replace(PARAMS.defaults(bundled.options), currency=currency)
    csv = compare_view.compare_view(bundled, filters).csv
    quoted = csv.dropna(subset=["quotes"])
    assert len(quoted) > 0
    for _, row in quoted.iterrows():
        quotes = row["quotes"].split(QUOTE_SEPARATOR)
        assert len(quotes) == len(row["locators"].split(LIST_SEPARATOR)), row["quotes"]
        assert all(quote.split(": ", 1)[0] in row["fact_ids"] for quote in quotes), row["quotes"]
