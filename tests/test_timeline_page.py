"""The timeline page under AppTest: links, a simulated click, the card, the URL."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.apptest_support import open_app, param


def open_timeline(**params: str | list[str]) -> AppTest:
    return open_app("app_pages/timeline.py", **params)


def click(at: AppTest, event_id: str) -> None:
    """What a click on a point sends: Streamlit's selection state with the point's customdata."""
    points = [{"customdata": event_id, "curve_number": 0, "point_index": 0}] if event_id else []
    at.session_state["tl_chart"] = {"selection": {"points": points, "point_indices": [], "box": [], "lasso": []}}
    at.run()


def card_title(at: AppTest) -> str | None:
    titles = [s.value for s in at.subheader if s.value not in {"Filters"} and not s.value.startswith("The ")]
    return titles[0] if titles else None


def test_clicking_an_event_shows_its_card_and_puts_it_in_the_url() -> None:
    at = open_timeline()
    assert card_title(at) is None
    click(at, "E07")
    assert card_title(at) == "Andijan events"
    assert param(at, "event") == ["E07"]
    text = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert "2005 (year only; the source gives no month or day)" in text
    assert "the events in Andijan, Uzbekistan (2005)" in text and "¶11" in text


def test_clearing_the_selection_closes_the_card() -> None:
    at = open_timeline()
    click(at, "E07")
    click(at, "")
    assert card_title(at) is None and param(at, "event") == [""]


def test_a_link_to_an_event_reopens_it() -> None:
    at = open_timeline(event="E02", country=["KGZ"], region="0")
    assert card_title(at) == "Manas airport upgrade"
    assert at.selectbox(key="timeline_event").value == "E02"
    assert list(at.multiselect(key="timeline_countries").value) == ["KGZ"]
    assert at.dataframe[-1].value["id"].tolist() == ["E38", "E02", "E39", "E09", "E12"]  # in date order


def test_the_details_list_is_an_alternative_to_clicking() -> None:
    at = open_timeline()
    at.selectbox(key="timeline_event").set_value("E11").run()
    assert card_title(at) == "Abe visits Turkmenistan" and param(at, "event") == ["E11"]


def test_filters_write_the_url_and_the_search_applies() -> None:
    at = open_timeline()
    at.text_input(key="timeline_text").input("roadmap").run()
    assert param(at, "q") == ["roadmap"]
    assert at.dataframe[-1].value["id"].tolist() == ["E10", "E29", "E13"]  # E29 adopted a roadmap too


def test_a_malformed_link_gives_one_notice() -> None:
    at = open_timeline(event="E99", category=["nope", "security"], years="abc", extra="1")
    (notice,) = at.info
    for words in ("no such event", "'nope'", "years", "'extra'"):
        assert words in notice.value
    assert param(at, "category") == ["security"]


def test_an_empty_result_says_why() -> None:
    at = open_timeline(q="no such words anywhere")
    assert "text search" in at.warning[0].value
    assert not at.get("plotly_chart")
    assert param(at, "q") == ["no such words anywhere"]


def test_the_event_card_offers_the_events_one_line_citation() -> None:
    at = open_app("app_pages/timeline.py", event="E13")
    lines = [code.value for code in at.code if "¶" in code.value]
    assert len(lines) == 1 and lines[0].startswith("Usubaliev, Esen (2020). Central Asia plus Japan")
