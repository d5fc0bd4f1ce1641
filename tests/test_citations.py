"""Citations a paper can use: the how-to-cite text, BibTeX and RIS that reference managers import,
one fact's one-line citation, and links under the public address when one is configured."""

from __future__ import annotations

import dataclasses
import datetime as dt
from unittest import mock

import bibtexparser
import pytest
import rispy

from core import aid, reference
from core.citation_files import CitedView, bibtex, ris
from core.export import sources_of_rows
from core.facts import Facts
from core.i18n import use_language
from core.pages import AID
from core.reference import dashboard_citation, short_citation
from core.url_state import page_address, public_base
from tests.apptest_support import open_app, open_popover

LINK = "https://example.org/japan-ca/aid?lang=en&v=abc&recipient=KAZ&recipient=UZB&years=1993-2019"
VIEW = CitedView("Aid and investment", LINK, "abc", dt.date(2026, 11, 29))


def test_how_to_cite_names_the_source_by_author_title_and_date_and_the_view(bundled_facts: Facts) -> None:
    text = dashboard_citation(bundled_facts, dt.date(2026, 11, 29), LINK, "Aid and investment")
    assert "Usubaliev, Esen (August 2020)" in text
    assert "“Central Asia plus Japan: the fact of the meeting is more important than the results”" in text
    assert "Aid and investment [interactive dashboard], data version " + bundled_facts.version in text
    assert LINK in text and text.endswith("Retrieved 2026-11-29.")


def test_how_to_cite_in_russian_names_the_month_in_russian(bundled_facts: Facts) -> None:
    with use_language("ru"):
        text = dashboard_citation(bundled_facts, dt.date(2026, 11, 29), LINK)
    assert "Usubaliev, Esen (август 2020)" in text and "Дата обращения: 2026-11-29." in text


def test_bibtex_parses_with_an_entry_for_the_view_and_one_per_source(bundled_facts: Facts) -> None:
    library = bibtexparser.parse_string(bibtex(bundled_facts, VIEW))
    assert not library.failed_blocks
    view, source, *others = library.entries
    assert len(others) == len(bundled_facts.sources) - 1
    assert view["url"] == LINK and view["urldate"] == "2026-11-29" and view["version"] == "abc"
    assert source.key == "usubaliev_2020"
    assert source["author"] == "Usubaliev, Esen"
    assert source["title"] == "{Central Asia plus Japan: the fact of the meeting is more important than the results}"
    assert (source["year"], source["month"]) == ("2020", "aug")
    assert "publisher" not in source.fields_dict  # not stated by the source, so not invented


def test_ris_parses_with_a_record_for_the_view_and_one_per_source(bundled_facts: Facts) -> None:
    view, source, *others = rispy.loads(ris(bundled_facts, VIEW))
    assert len(others) == len(bundled_facts.sources) - 1
    assert view["type_of_reference"] == "ELEC" and view["urls"] == [LINK] and view["access_date"] == "2026/11/29"
    assert source["authors"] == ["Usubaliev, Esen"]
    assert source["title"].startswith("Central Asia plus Japan")
    assert (source["year"], source["date"]) == ("2020", "2020/08//")


def test_a_views_files_cite_the_sources_its_rows_draw_on(bundled_facts: Facts) -> None:
    # The help says "this view and each source it draws on"; every file listed all 88 sources.
    filters = aid.params.PARAMS.defaults(aid.params.aid_options(bundled_facts))
    filters = dataclasses.replace(filters, recipients=("KAZ", "UZB"))
    rows = AID.rows.rows(aid.data.aid_data(bundled_facts), filters, bundled_facts)
    drawn_on = sources_of_rows(rows)
    assert drawn_on and len(drawn_on) < len(bundled_facts.sources)
    view = dataclasses.replace(VIEW, source_ids=drawn_on)
    _view, *sources = bibtexparser.parse_string(bibtex(bundled_facts, view)).entries
    assert {entry.key for entry in sources} == drawn_on
    _view, *records = rispy.loads(ris(bundled_facts, view))
    assert len(records) == len(drawn_on)
    ids = bundled_facts.sources["source_id"]
    named = short_citation(bundled_facts.sources, ids[ids.isin(drawn_on)])  # in the sources table's order
    assert named in bibtex(bundled_facts, view).replace("\n", " ")


def test_hostile_text_in_a_source_keeps_both_files_parseable(bundled_facts: Facts) -> None:
    sources = bundled_facts.sources.astype({"title": "string", "publisher": "string"})
    sources.loc[0, "title"] = "Braces } { 100% & #1 of $5_bn \\ end\nER  - TY  - JOUR"
    sources.loc[0, "publisher"] = "A & B }"
    facts = dataclasses.replace(bundled_facts, sources=sources)
    library = bibtexparser.parse_string(bibtex(facts, VIEW))
    assert not library.failed_blocks and len(library.entries) == 1 + len(sources)
    records = rispy.loads(ris(facts, VIEW))
    assert len(records) == 1 + len(sources)  # the title's line break did not start a record of its own
    assert records[1]["publisher"] == "A & B }"


def test_short_citation_names_surname_and_year_and_unknown_ids_as_they_are(bundled_facts: Facts) -> None:
    assert short_citation(bundled_facts.sources, ["usubaliev_2020", "other_2001"]) == "Usubaliev (2020); other_2001"


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        ("https://example.org/japan-ca/", "https://example.org/japan-ca"),
        ("  http://dash.example.org ", "http://dash.example.org"),
        (None, None),
        ("", None),
    ],
)
def test_public_base_accepts_http_addresses(configured: str | None, expected: str | None) -> None:
    assert public_base(configured) == (expected, None)


@pytest.mark.parametrize("configured", ["example.org", "ftp://example.org", "https://example.org/?a=1", "https://"])
def test_public_base_rejects_what_is_not_an_address_and_says_what_to_fix(configured: str) -> None:
    base, problem = public_base(configured)
    assert base is None and problem is not None and "DASHBOARD_PUBLIC_URL" in problem and "https://" in problem


def test_page_address_prefers_the_public_address_then_the_browsers() -> None:
    assert page_address("https://example.org/ca", "http://127.0.0.1:8501/aid", "aid") == "https://example.org/ca/aid"
    assert page_address("https://example.org/ca", None, "") == "https://example.org/ca/"
    assert page_address(None, "http://127.0.0.1:8501/aid", "aid") == "http://127.0.0.1:8501/aid"
    assert page_address(None, None, "aid") == "/aid"


def test_a_rerun_does_not_rebuild_the_list_of_every_source(bundled_facts: Facts) -> None:
    """The Sources page cites every source; it keeps that list per data version and language (it
    was built row by row on every rerun, ~6 ms on the bundled data)."""
    with mock.patch("core.reference._source_in_brief", wraps=reference._source_in_brief) as brief:
        at = open_app("app_pages/sources.py")
        built = brief.call_count
        assert built >= len(bundled_facts.sources)  # the first run builds it
        at.run()
        assert brief.call_count == built  # the next run reuses it
    citation = next(code.value for code in at.code if "[interactive dashboard]" in code.value)
    assert reference.sources_in_brief(bundled_facts) in citation


def test_the_cite_popover_names_the_views_sources_and_only_while_open(bundled_facts: Facts) -> None:
    # It named all 88 sources whatever the view, while its BibTeX and RIS named the view's.
    at = open_app("app_pages/aid.py", recipient=["KAZ", "UZB"])
    assert not [code for code in at.code if "[interactive dashboard]" in code.value]  # closed: not sent
    open_popover(at, "aid_cite_view")
    citation = next(code.value for code in at.code if "[interactive dashboard]" in code.value)
    filters = dataclasses.replace(aid.params.PARAMS.defaults(aid.params.aid_options(bundled_facts)),
                                  recipients=("KAZ", "UZB"))  # fmt: skip
    drawn_on = sources_of_rows(AID.rows.rows(aid.data.aid_data(bundled_facts), filters, bundled_facts))
    assert drawn_on and len(drawn_on) < len(bundled_facts.sources)
    assert f"Facts drawn from {reference.sources_in_brief(bundled_facts, drawn_on)}. /aid?" in citation
    left_out = bundled_facts.sources[~bundled_facts.sources["source_id"].isin(drawn_on)]
    assert not [title for title in left_out["title"] if f"“{title}”" in citation]
