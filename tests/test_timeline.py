"""The timeline's pure functions and figure, table-driven."""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd
import pytest

from core import timeline
from core.facts import Facts
from core.formatting import NOT_STATED
from core.i18n import use_language
from core.url_state import QueryReader


@pytest.fixture(scope="module")
def options(bundled_facts: Facts) -> timeline.params.TimelineOptions:
    return timeline.params.timeline_options(bundled_facts)


@pytest.fixture(scope="module")
def view(bundled_facts: Facts) -> pd.DataFrame:
    return timeline.data.event_view(bundled_facts)


@pytest.fixture(scope="module")
def ids(view: pd.DataFrame) -> list[str]:
    return view["event_id"].tolist()


@pytest.fixture(scope="module")
def filters(options: timeline.params.TimelineOptions) -> Callable[..., timeline.params.TimelineFilters]:
    """filters(**changes): the default filters with those fields changed."""

    def build(**changes) -> timeline.params.TimelineFilters:
        return timeline.params.TimelineFilters(**{**vars(timeline.params.PARAMS.defaults(options)), **changes})

    return build


def events(rows: list[tuple]) -> pd.DataFrame:
    """(id, start, end, category, title): titles of at most LABEL_CHARS, so each is its own label"""
    frame = pd.DataFrame(rows, columns=["event_id", "year_start", "year_end", "category", "title"])
    return frame.astype({"year_start": "Int64", "year_end": "Int64"}).assign(
        x_start=lambda f: f["year_start"].astype(float),
        x_end=lambda f: f["year_end"].astype(float),
        category_label=lambda f: f["category"],
    )


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (1998, 1998, "year", "1998 (year only; the source gives no month or day)"),
        (1996, 2000, "span", "1996–2000 (span of years)"),
        (pd.NA, pd.NA, "not_stated", "date not stated"),
    ],
)
def test_date_text_says_the_precision(start, end, precision, expected) -> None:
    assert timeline.data.date_text(start, end, precision) == expected


@pytest.mark.parametrize(
    ("day", "last_day", "precision", "language", "expected"),
    [
        ("2022-12-24", pd.NA, "day", "en", "24 December 2022"),
        ("2022-12-24", pd.NA, "day", "ru", "24 декабря 2022\u202fг."),  # CLDR: a narrow no-break space
        ("2006-06-05", "2006-06-06", "day", "en", "5 June 2006 to 6 June 2006"),
        ("2024-08", pd.NA, "month", "en", "August 2024 (month only; the source gives no day)"),
    ],
)
def test_date_text_gives_a_day_or_month_in_words(day, last_day, precision, language, expected) -> None:
    with use_language(language):
        assert timeline.data.date_text(int(day[:4]), int(day[:4]), precision, day, last_day) == expected


def test_days_of_one_year_stand_apart_on_the_axis() -> None:
    years = pd.Series([2022, 2022, 2022, 1998], dtype="Int64")
    dates = pd.Series(["2022-04-15", "2022-12-24", "2022-12", pd.NA], dtype="string")
    april, december, month, year = timeline.data.axis_position(years, dates).tolist()
    assert 2022.28 < april < 2022.29 and 2022.97 < december < 2022.98  # day 105 and day 358 of 365
    assert 2022.95 < month < december and year == 1998.0  # a month at its middle; a year at its start


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"categories": ("security",), "years": (1990, 2010)}, ["E02", "E07", "E09", "E18", "E19", "E20", "E21"]),
        # Kyrgyzstan's own: the seed's three, diplomatic relations in 1992 (E38), Kawaguchi's 2004 tour (E39).
        ({"countries": ("KGZ",), "region": False}, ["E02", "E09", "E12", "E38", "E39"]),
        # With the region: also every Dialogue meeting of the official record (E23-E37, E42-E66 name all six)
        # and the seed's message of the meetings since 2016 (E68).
        ({"countries": ("KGZ",), "region": True}, ["E02", "E04", "E05", "E06", "E08", "E09", "E10", "E12", "E13",
                                                   "E14", "E15", "E16", "E17", *(f"E{n}" for n in range(23, 40)),
                                                   *(f"E{n}" for n in range(42, 67)), "E68"]),
        ({"text": "ANDIJAN"}, ["E07"]),
        # Official sources only: the seed's E06, E11 and E17, which government pages also state, and the
        # official record, less the events only a news site states here (E53, E64, E65).
        ({"official": True}, ["E06", "E11", "E17", *(f"E{n}" for n in range(23, 67) if n not in (53, 64, 65))]),
        ({"text": "roadmap", "years": (2015, 2020)}, ["E13"]),
        ({"categories": ("alliance",), "years": (2000, 2020)}, []),
    ],
)  # fmt: skip
def test_filter_events(changes, expected, filters, view) -> None:
    assert sorted(timeline.data.filter_events(view, filters(**changes))["event_id"]) == expected


def test_the_view_is_in_date_order_with_undated_events_last(view) -> None:
    # The page shows the first rows of a filtered view unsorted, so the view must already be in order.
    dated = view[view["year_start"].notna()]
    assert dated["year_start"].is_monotonic_increasing
    assert view["year_start"].isna().sum() == len(view) - len(dated) > 0
    assert view["year_start"].tail(len(view) - len(dated)).isna().all()
    assert view["event_id"].tolist() == timeline.table.table(view)["event_id"].tolist()


def test_search_is_case_blind_and_treats_the_query_as_text(filters, view) -> None:
    assert sorted(timeline.data.filter_events(view, filters(text="aNdIjAn"))["event_id"]) == ["E07"]
    assert timeline.data.filter_events(view, filters(text=".*")).empty  # not a regular expression


def test_region_wide_events_are_those_naming_the_region_or_all_five(view) -> None:
    wide = view.set_index("event_id")["region_wide"]
    assert wide["E06"] and wide["E08"] and wide["E15"]  # all five; CA5; all five with the US
    assert not wide["E11"] and not wide["E01"]


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"text": "zzzz"}, "text search"),
        ({"categories": ("alliance",), "years": (2000, 2020)}, "no event matches all of them together"),
    ],
)
def test_empty_reason(changes, words, filters, view) -> None:
    assert words in timeline.data.empty_reason(view, filters(**changes))


def _overlapping(frame: pd.DataFrame, placed: pd.DataFrame) -> list[tuple[str, str]]:
    rows = placed["row"]
    layout = placed.join(frame[["event_id", "category"]])
    # An event whose label takes several rows sits in their middle: it is in each of them.
    layout = pd.concat(
        [
            layout.assign(row=layout["row"] - (layout["rows_taken"] - 1) / 2 + k)
            for k in range(layout["rows_taken"].max())
        ]
    )
    layout = layout[layout["row"] <= rows.reindex(layout.index) + (layout["rows_taken"] - 1) / 2]
    clashes = []
    for _, group in layout.groupby(["category", "row"]):
        spans = group.sort_values("from")
        for (_, a), (_, b) in zip(spans.iterrows(), spans.iloc[1:].iterrows(), strict=False):
            if b["from"] < a["to"]:
                clashes.append((a["event_id"], b["event_id"]))
    return clashes


@pytest.mark.parametrize(
    ("rows", "apart", "rows_per_category"),
    [
        # Three events in one year and category: each on its own row, never stacked on one point.
        ([("A", 2016, 2016, "x", "Attack"), ("B", 2016, 2016, "x", "Other"), ("C", 2016, 2016, "x", "Third")],
         [("A", "B"), ("A", "C"), ("B", "C")], {"x": 3}),
        # An event inside another's span of years goes on another row than the span's bar.
        ([("A", 1996, 2000, "x", "Manas airport upgrade"), ("B", 1998, 1998, "x", "Silk Road")],
         [("A", "B")], {"x": 2}),
        # A long label reaches the next year's event, which moves to another row; the event of that
        # year in another category keeps its lane's one row.
        ([("A", 1960, 1960, "x", "A long label of many words"), ("B", 1961, 1961, "x", "B"),
          ("C", 1961, 1961, "y", "C")],
         [("A", "B")], {"x": 2, "y": 1}),
        # Near the end of the axis the same label goes left of its event, clear of the next year's
        # event: both keep one row.
        ([("A", 2005, 2005, "x", "A long label of many words"), ("B", 2006, 2006, "x", "B"),
          ("C", 2006, 2006, "y", "C")],
         [], {"x": 1, "y": 1}),
        # Events far apart share one row: a lane takes no more rows than its clashes need.
        ([("A", 1960, 1960, "x", "Early"), ("B", 2010, 2010, "x", "Late")], [], {"x": 1}),
    ],
    ids=["same-year", "inside-a-span", "label-reaches-next", "label-goes-left", "far-apart"],
)  # fmt: skip
def test_lanes_never_overlap_events_or_labels(rows, apart, rows_per_category) -> None:
    frame = events(rows)
    placed = timeline.figures.assign_lanes(frame, (1951, 2020))
    assert not _overlapping(frame, placed)
    lanes = placed["row"]
    row = dict(zip(frame["event_id"], lanes, strict=True))
    assert [(a, b) for a, b in apart if row[a] == row[b]] == []
    # Each category's lane uses rows 0, 1, ... and no more of them than the case needs.
    used = {category: sorted(set(rows)) for category, rows in lanes.groupby(frame["category"])}
    assert used == {category: list(range(count)) for category, count in rows_per_category.items()}


def test_lanes_on_the_bundled_data_do_not_overlap(view) -> None:
    dated = view[view["year_start"].notna()]
    for years in [(1951, 2020), (2000, 2020), (2015, 2016)]:
        subset = dated[(dated["year_end"] >= years[0]) & (dated["year_start"] <= years[1])]
        assert not _overlapping(subset, timeline.figures.assign_lanes(subset, years))


def test_a_label_near_the_end_goes_left() -> None:
    frame = events([("A", 2020, 2020, "x", "C5+1 meeting with the US"), ("B", 1960, 1960, "x", "Early")])
    assert timeline.figures.label_layout(frame, (1951, 2020))["side"].tolist() == ["left", "right"]


def test_a_label_that_fits_neither_side_goes_where_there_is_more_room() -> None:
    """At the narrowest chart (a plot of ~250 px across 1951-2026) a long Russian title of 2004
    fits neither beside its point nor before it; on the right, the side with less room, it ran
    past the chart's edge."""
    title = "Старшие должностные лица согласовывают пять основных направлений диалога"
    frame = events([("A", 2004, 2004, "x", title), ("B", 2020, 2020, "x", title), ("C", 1960, 1960, "x", title)])
    years = (1951, 2026)
    layout = timeline.figures.label_layout(frame, years)
    assert layout["side"].tolist() == ["left", "left", "right"]
    # Measured in pixels, not characters: its widest line is wider than the 60-across count made it.
    width = layout["to"].iloc[2] - layout["from"].iloc[2]
    assert width / timeline.figures.years_per_px(frame, years) > 200


RELATIONS_RU = "Установление дипломатических отношений с государствами Центральной Азии"


def test_a_label_that_fits_neither_side_is_wrapped_to_its_room_and_takes_more_rows(view) -> None:
    """At 800-1000 px in Russian, this 1992 title, kept at two lines, fitted neither side of its
    point; on the left, the side with more room, it ran over the lane names. It is now wrapped to
    that room, whole, and its event takes a row of the lane for every two lines."""
    years = (1951, 2026)
    frame = events([("A", 1992, 1992, "x", RELATIONS_RU), ("B", 1993, 1993, "x", "Short")])
    layout = timeline.figures.label_layout(frame, years)
    tall = layout.iloc[0]
    assert tall["side"] == "left" and layout["rows_taken"].tolist() == [math.ceil(len(tall["lines"]) / 2), 1]
    assert 2 < len(tall["lines"]) <= timeline.figures.TALL_LABEL_LINES and " ".join(tall["lines"]) == RELATIONS_RU
    assert tall["from"] >= years[0] - 1  # inside the axis: clear of the lane names
    placed = timeline.figures.assign_lanes(frame, years)
    assert placed["row"].iloc[0] == (tall["rows_taken"] - 1) / 2  # in the middle of the rows it takes, from the first
    assert not _overlapping(frame, placed)
    relations = view[view["event_id"] == "E38"].assign(title=RELATIONS_RU)  # of 1992
    figure = timeline.figures.timeline_figure(relations, timeline.figures.assign_lanes(relations, years), years)
    (drawn,) = [trace for trace in figure.data if trace.mode == "markers+text"]
    (lines,) = timeline.figures.label_layout(relations, years)["lines"]  # its lane's name: the room differs
    assert drawn.text[0] == "<br>".join(lines) and len(lines) > 2 and drawn.textposition[0] == "middle left"


def test_the_rows_span_the_y_axis_without_plotlys_padding(view) -> None:
    """Left to autorange, Plotly padded the lanes by about four rows at each end, and rows drawn
    28-30 px high held two-line labels that covered each other at the narrowest chart."""
    dated = view[view["year_start"].notna() & view["category"].isin(["security", "alliance"])]
    placed = timeline.figures.assign_lanes(dated, (1951, 2020))
    figure = timeline.figures.timeline_figure(dated, placed, (1951, 2020))
    rows = placed["row"]
    pad = timeline.figures.ROW_PAD
    last = rows[dated["category"] == "security"].max() + 1 + 1  # the alliance lane, after a blank row
    assert figure.layout.yaxis.range == (last + pad, -pad) and figure.layout.yaxis.autorange is None


def test_a_label_too_long_even_to_wrap_keeps_two_lines_on_the_roomier_side() -> None:
    frame = events([("A", 2016, 2016, "x", f"{RELATIONS_RU} {RELATIONS_RU} {RELATIONS_RU}")])
    layout = timeline.figures.label_layout(frame, (2015, 2017))  # 100 px each side: more than six lines
    assert layout.iloc[0]["rows_taken"] == 1 and len(layout.iloc[0]["lines"]) == 2


def test_labels_are_laid_out_from_a_categorical_title_column() -> None:
    """Hostile data loads titles as a categorical column; mapped title by title, each measuring
    differently, pandas returned a Categorical, which the layout could not add to."""
    frame = events([("A", 2004, 2004, "x", "Short"), ("B", 2010, 2010, "x", "A much longer title here")])
    plain = timeline.figures.label_layout(frame, (1951, 2026))
    categorical = timeline.figures.label_layout(frame.astype({"title": "category"}), (1951, 2026))
    pd.testing.assert_frame_equal(categorical, plain)


def test_read_filters_drops_an_unknown_event_with_a_notice(options, ids) -> None:
    reader = QueryReader({"event": ["E99"], "country": ["KGZ"]})
    read = timeline.params.read_filters(reader, options, ids)
    assert read.event == "" and read.countries == ("KGZ",)
    assert "no such event" in reader.finish()[0]


def test_figure_has_a_trace_per_category_with_spans_and_selection(view) -> None:
    dated = view[view["year_start"].notna() & view["category"].isin(["security", "alliance"])]
    placed = timeline.figures.assign_lanes(dated, (1951, 2020))
    figure = timeline.figures.timeline_figure(dated, placed, (1951, 2020), selected="E07")
    points = [t for t in figure.data if t.mode == "markers+text"]
    assert [t.name for t in points] == ["Security incidents and operations", "Japan–US alliance"]
    security = points[0]
    assert list(security.customdata) == ["E02", "E07", "E09", "E12"]
    assert security.selectedpoints == (1,) and points[1].selectedpoints == ()
    assert "1996–2000 (span of years)" in security.hovertext[0]
    spans = [t for t in figure.data if t.mode == "lines"]
    assert len(spans) == 1 and list(spans[0].x) == [1996, 2000, None]
    assert "year only" in points[1].hovertext[0]


def test_figure_escapes_data_text(view) -> None:
    dated = view[view["event_id"] == "E01"].assign(title="<b>x</b> <img src=x>")
    placed = timeline.figures.label_layout(dated, (1951, 2020)).assign(row=0.0)
    figure = timeline.figures.timeline_figure(dated, placed, (1951, 2020))
    assert "<img" not in figure.data[0].hovertext[0] and "&lt;img" in figure.data[0].hovertext[0]
    assert figure.data[0].text == ("&lt;b&gt;x&lt;/b&gt; &lt;img src=x&gt;",)


def test_table_is_in_date_order_with_undated_last(view) -> None:
    shown = timeline.table.table(view)
    assert shown["event_id"].tolist()[:3] == ["E01", "E38", "E67"]  # 1951, 1992, 1993
    assert shown["year_start"].iloc[-6:].isna().all()
    assert list(shown.columns[-6:]) == ["source_id", "locator", "quote", "source_ids", "publishers", "urls"]


def test_the_kept_events_count_all_and_carry_the_first_rows(filters, view) -> None:
    chosen = filters(categories=("security", "dialogue"))
    events = timeline.data.filter_events(view, chosen)
    kept = timeline.view.kept_events(view, chosen)
    assert kept.total == kept.table.total == len(events)
    assert kept.table.arrow.to_pandas()["id"].tolist() == events["event_id"].tolist()
    assert kept.dated + kept.undated.total == kept.total
    assert (kept.undated.arrow.to_pandas()["first year"] == NOT_STATED).all()
    assert kept.dated == events["year_start"].notna().sum()
    assert list(kept.choices) == events["event_id"].tolist()
    assert kept.empty_reason == ""
    nothing = filters(categories=("alliance",), years=(2000, 2020))
    assert timeline.view.kept_events(view, nothing).empty_reason == timeline.data.empty_reason(view, nothing) != ""


@pytest.mark.parametrize(
    "changes", [{"categories": ("security",)}, {"countries": ("KGZ",), "region": False}, {"text": "roadmap"}, {}]
)
def test_keeps_agrees_with_the_filtered_view(changes: dict, filters, view, ids) -> None:
    chosen = filters(**changes)
    kept = set(timeline.data.filter_events(view, chosen)["event_id"])
    for event_id in ids:
        assert timeline.data.keeps(view, chosen, event_id) == (event_id in kept), event_id
    assert not timeline.data.keeps(view, chosen, "E999")


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        ("JPN;CA5", True),  # the region by its code
        ("JPN;KAZ;KGZ;TJK;TKM;UZB", True),  # the same region by all of its members
        ("USA;KAZ;KGZ;TJK;TKM;UZB", True),
        ("JPN;KAZ;KGZ", False),  # some members are not the region
        ("AFG;USA", False),
    ],
)
def test_a_region_counts_the_same_by_its_code_or_by_all_its_members(countries, expected, bundled_facts) -> None:
    from core.scopes import Scopes

    scopes = Scopes.from_table(bundled_facts.memberships)
    assert timeline.data.names_region(countries, {"CA5"}, scopes) is expected


@pytest.mark.parametrize(
    "title",
    ["Dialogue launched", "Attack on China's embassy in Bishkek", "Программа действий «Дипломатии Шёлкового пути»"],
)
def test_a_label_is_the_whole_title_over_at_most_two_lines(title) -> None:
    lines = timeline.figures.label_lines(title)
    assert " ".join(lines) == title and len(lines) <= timeline.figures.LABEL_LINES
    assert max(len(line) for line in lines) <= timeline.figures.LABEL_MAX_CHARS


def test_no_bundled_title_is_cut_in_its_label(view) -> None:
    for title in view["title"]:
        assert " ".join(timeline.figures.label_lines(title)) == title


def test_only_a_title_too_long_for_two_lines_is_shortened() -> None:
    lines = timeline.figures.label_lines("word " * 100)
    assert len(lines) == timeline.figures.LABEL_LINES and lines[-1].endswith("…")


def test_event_details_say_only_what_the_data_states() -> None:
    names = {"JPN": "Japan"}
    meeting = pd.Series({"kind": "ministerial", "series_number": 9, "city": "Tokyo", "host_code": "JPN",
                         "event_status": "held", "outcome": "a chair's statement"})  # fmt: skip
    assert timeline.view.event_details(meeting, names) == [
        "Foreign Ministers' Meeting no. 9 · Tokyo, Japan · held",
        "Adopted: a chair's statement",
    ]
    online = pd.Series({"kind": "ministerial", "series_number": pd.NA, "city": pd.NA, "host_code": pd.NA,
                        "event_status": pd.NA, "outcome": pd.NA})  # fmt: skip
    assert timeline.view.event_details(online, names) == ["Foreign Ministers' Meeting"]
    seed = pd.Series({"kind": pd.NA, "series_number": pd.NA, "city": pd.NA, "host_code": pd.NA,
                      "event_status": pd.NA, "outcome": pd.NA})  # fmt: skip
    assert timeline.view.event_details(seed, names) == []


def test_the_events_are_in_date_order_to_the_day_undated_last(bundled_facts: Facts) -> None:
    view = timeline.data.event_view(bundled_facts)
    dated = view[view["x_start"].notna()]
    assert dated["x_start"].is_monotonic_increasing and view["x_start"].iloc[len(dated) :].isna().all()
    order = list(view["event_id"])
    # August 2004: the ministers met in Astana on the 28th, after Kawaguchi's visits of the 25th and 26th.
    assert order.index("E39") < order.index("E40") < order.index("E06")
