"""The aid page under AppTest: links open their view, widgets write the URL, bad links get a notice."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from core import aid
from core.chart_text import plain
from core.columns import COLUMNS
from core.facts import Facts
from tests.apptest_support import open_app, open_popover, param


def open_aid(**params: str | list[str]) -> AppTest:
    return open_app("app_pages/aid.py", **params)


def chart_spec(at: AppTest) -> dict:
    (chart,) = at.get("plotly_chart")
    return json.loads(chart.proto.spec)


def test_default_view_writes_every_value_to_the_url() -> None:
    at = open_aid()
    # The page's question is Central Asia: the region and its states; the rest is context to add.
    assert param(at, "recipient") == ["CA5", "KAZ", "UZB", "TKM", "TJK", "KGZ"]
    assert any("Also in the sources, as context" in c.value and "United States" in c.value for c in at.caption)
    assert param(at, "years") == ["1954-2026"] and param(at, "undated") == ["1"] and param(at, "by") == ["recipient"]
    spec = chart_spec(at)
    assert [plain(t["name"]) for t in spec["data"]] == [  # a long name is wrapped for the legend
        # In US dollars (the default currency): the seed's statuses (M02 only hoped for) and Uzbekistan's
        # committed dollar loans.
        "Realised", "Agreed, not stated as realised", "Committed (notes exchanged or agreement signed)",
        "Contracts signed, implementation unknown", "Hoped for, not stated as given",
    ]  # fmt: skip
    assert not at.info  # a clean link gets no notice


def test_a_link_opens_its_view() -> None:
    at = open_aid(recipient=["KAZ", "TKM"], status=["realised", "contracts_signed"], by="status", years="2010-2019")
    assert list(at.multiselect(key="aid_recipients").value) == ["KAZ", "TKM"]
    assert at.slider(key="aid_years").value == (2010, 2019)
    assert at.radio(key="aid_by").value == "status"
    spec = chart_spec(at)
    assert sorted(name for t in spec["data"] for name in t["y"]) == [
        # The analysis says $18 bn, Abe's words in Reuters "more than": the bar says the sources differ.
        "Contracts signed,<br>implementation unknown"
        "<br><sup>Investment · M09 (its sources</sup><br><sup>differ on the amount)</sup>",
        # 2005-2019: not all in 2010-2019
        "Realised<br><sup>Investment · M07 (partly outside</sup><br><sup>the years chosen)</sup>",
    ]  # fmt: skip
    table = at.dataframe[1].value
    assert table["id"].tolist() == ["M09", "M07"]  # largest first: 18 bn, then 5.5 bn


def test_changing_a_widget_changes_the_url() -> None:
    at = open_aid()
    at.multiselect(key="aid_recipients").set_value(["UZB"]).run()
    at.multiselect(key="aid_statuses").set_value(["agreed"]).run()
    at.radio(key="aid_chart").set_value("time").run()
    assert param(at, "recipient") == ["UZB"] and param(at, "status") == ["agreed"]
    assert param(at, "chart") == ["time"]
    # Uzbekistan's figure has no stated period: listed apart, not drawn on a year.
    assert not at.get("plotly_chart")
    assert at.dataframe[0].value["id"].tolist() == ["M08"]


def test_a_malformed_link_opens_with_one_notice() -> None:
    at = open_aid(recipient=["KAZ", "<script>"], years="2019-1993", by=["kind", "status"], zoom="3", undated="maybe")
    (notice,) = at.info
    for words in ("'<script>'", "reversed", "'by' was given 2 times", "undated", "'zoom'"):
        assert words in notice.value
    assert param(at, "recipient") == ["KAZ"] and param(at, "years") == ["1993-2019"]
    assert "zoom" not in at.query_params


def test_a_permalink_from_older_data_says_the_data_changed() -> None:
    at = open_aid(v="000000000000", recipient="KAZ")
    assert "data has changed" in at.info[0].value
    assert list(at.multiselect(key="aid_recipients").value) == ["KAZ"]


def test_a_permalink_of_the_current_data_opens_silently(bundled_facts: Facts) -> None:
    at = open_aid(v=bundled_facts.version, recipient="KAZ")
    assert not at.info


def test_share_shows_a_permalink_with_every_value_and_the_version(bundled_facts: Facts) -> None:
    at, version = open_popover(open_aid(recipient="KAZ", by="kind"), "aid_share"), bundled_facts.version
    link = at.code[0].value
    kinds = "kind=aid&kind=contribution&kind=investment&kind=loan&kind=grant&kind=technical_cooperation"
    assert link.startswith(f"/aid?lang=en&{kinds}&status=realised")
    rest = "recipient=KAZ&years=1954-2026&undated=1&currency=USD&official=0&by=kind&chart=bars&per_year=0&scale=linear"
    assert f"{rest}&v={version}" in link


def test_an_empty_result_says_which_filter_excludes_everything() -> None:
    at = open_aid(recipient="KAZ", status="agreed")
    assert "no figure matches all of them together" in at.warning[0].value
    assert not at.get("plotly_chart")


def test_per_year_view_labels_the_assumption_and_lists_what_it_cannot_spread() -> None:
    at = open_aid(per_year="1")
    spec = chart_spec(at)
    assert "even spread assumed" in plain(spec["layout"]["yaxis"]["title"]["text"])
    assert "spread evenly" in plain(spec["layout"]["legend"]["title"]["text"])
    assert COLUMNS[aid.table.PER_YEAR_COLUMN].heading in at.dataframe[-1].value.columns  # the table says it too
    captions = [c.value.replace("\\", "") for c in at.caption]  # Markdown escapes removed
    assert any("Uzbekistan US$6.5 bn (period not stated)" in c for c in captions)


def test_downloads_are_offered_without_rerunning() -> None:
    at = open_aid()
    assert [b.proto.label for b in at.get("download_button")] == ["Download CSV", "Download with citation"]
    buttons = open_popover(at, "aid_cite_view").get("download_button")  # the citation files are in Cite
    assert [b.proto.label for b in buttons] == ["BibTeX", "RIS", "Download CSV", "Download with citation"]


def test_one_click_adds_the_context_recipients() -> None:
    at = open_aid()
    at.button(key="aid_recipients_add_context").click().run()
    assert param(at, "recipient") == [
        "CA5", "KAZ", "UZB", "TKM", "TJK", "KGZ", "SSEA_AF", "USA", "AFG", "TJK_AFG", "CA5_AFG", "TJK_KGZ_AFG",
        "CA_CAUCASUS",
    ]  # fmt: skip
    assert not any("Also in the sources, as context" in c.value for c in at.caption)


def test_a_link_that_states_its_recipients_keeps_them() -> None:
    old = ["SSEA_AF", "CA5", "USA", "AFG", "KAZ", "UZB", "TKM"]  # a permalink made before the new default
    assert param(open_aid(recipient=old), "recipient") == old
