"""Every page runs under AppTest on the bundled data and shows its content; on bad data, the problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.apptest_support import open_app, open_popover
from tests.conftest import edit_csv

PAGES = ["app_pages/overview.py", "app_pages/sources.py"]


def test_overview_shows_cited_figures_with_status_and_gaps() -> None:
    at = open_app("app_pages/overview.py")
    cards = {m.label.replace("\\", ""): m.value for m in at.metric}
    assert cards["Kazakhstan: investment"] == "US$5.5 bn"
    assert cards["Uzbekistan: investment"] == "US$6.5 bn"
    assert cards["Central Asian states: aid"] == "≈ US$12 bn"
    assert cards["Tajikistan: grant"].startswith("≤ ¥")  # yen grants the official record states
    text = " ".join(md.value.replace("\\", "") for md in at.markdown)
    assert "Agreed, not stated as realised" in text
    assert "Contracts signed, implementation unknown" in text
    captions = " ".join(c.value.replace("\\", "") for c in at.caption)
    assert "amounted to $ 5.5 billion" in captions and "¶17" in captions


def test_overview_of_many_figures_says_how_many_more(tmp_path: Path, monkeypatch) -> None:
    from scripts.generate_data import generate

    generate(tmp_path, 3000)
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(tmp_path))
    at = open_app("app_pages/overview.py")
    more = [m.value for m in at.metric if m.value.endswith(" more")]
    assert more and all(int(value.split()[0]) > 1 for value in more)
    captions = [c.value for c in at.caption]
    said = "Figures that cannot be added together. Each one, with its quote, is on the Aid and investment page."
    assert captions.count(said) == len(more)


def test_sources_page_has_reference_citation_and_dictionary() -> None:
    at = open_popover(open_app("app_pages/sources.py"), "sources_share")
    text = " ".join(md.value.replace("\\", "") for md in at.markdown)
    assert '<span lang="en">Usubaliev, Esen</span> (August 2020). <span lang="en">Central Asia plus Japan' in text
    citation = next(code.value for code in at.code if "[interactive dashboard], data version " in code.value)
    # The source by author, month and year, and title; the view's link; the day retrieved.
    assert "Usubaliev, Esen (August 2020), “Central Asia plus Japan: the fact of the meeting" in citation
    assert "/sources?lang=en&v=" in citation and "Retrieved " in citation
    everything = " ".join([text, *(c.value for c in at.caption), *(c.value for c in at.code)])
    assert "seed/" not in everything and ".txt" not in everything  # no file outside the repository
    assert at.code[0].value.startswith("/sources?lang=en&v=")  # the share link comes first
    labels = [e.label for e in at.expander]
    assert any(label.startswith("Japan's money — money.csv, 52 rows") for label in labels)
    dictionary = next(d.value for d in at.dataframe if "amount" in set(d.value.get("field", [])))
    assert "amount" in set(dictionary["field"])
    assert dictionary.set_index("field").loc["amount", "unit"] == "see the currency column"


@pytest.mark.parametrize("page", PAGES)
def test_bad_data_shows_problems_not_a_traceback(page: str, data_copy: Path, monkeypatch) -> None:
    edit_csv(data_copy / "money.csv", ",3000000000,", ",-3000000000,")
    (data_copy / "figures.csv").write_text("", encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    at = open_app(page)
    assert "has 2 problems" in at.error[0].value
    problems = at.dataframe[0].value
    assert set(problems["file"]) == {"money.csv", "figures.csv"}
    assert not at.metric  # the page stopped before showing any figure


def test_overview_offers_share_and_key_figures_download() -> None:
    at = open_popover(open_popover(open_app("app_pages/overview.py"), "overview_share"), "overview_cite_view")
    assert at.code[0].value.startswith("/?lang=en&v=")
    assert [b.proto.label for b in at.get("download_button")] == [
        "BibTeX",
        "RIS",
        "Download CSV",
        "Download with citation",
    ]


def test_edited_data_is_reloaded_without_restarting(data_copy: Path, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_copy))
    first = {m.label.replace("\\", ""): m.value for m in open_app(PAGES[0]).metric}
    edit_csv(data_copy / "money.csv", ",5500000000,", ",5600000000,")
    second = {m.label.replace("\\", ""): m.value for m in open_app(PAGES[0]).metric}
    assert (first["Kazakhstan: investment"], second["Kazakhstan: investment"]) == ("US$5.5 bn", "US$5.6 bn")


def test_an_unforeseen_loader_failure_shows_a_message_not_a_traceback(monkeypatch) -> None:
    def broken(data_dir):
        raise TypeError("something the validator did not foresee")

    monkeypatch.setattr("components.data.load_facts", broken)
    at = open_app(PAGES[0])
    assert "could not be read (TypeError)" in at.error[0].value
    assert not at.metric


def test_each_figure_card_offers_its_own_one_line_citation() -> None:
    at = open_app("app_pages/overview.py")
    lines = [code.value for code in at.code if ": “" in code.value and code.value.endswith("”.")]
    assert any(line.startswith("Usubaliev, Esen (2020). Central Asia plus Japan") for line in lines)
    title = "Central Asia plus Japan: the fact of the meeting is more important than the results"
    assert f"Usubaliev, Esen (2020). {title}, ¶17: “" in " ".join(lines)
    # One per card that shows a single figure's quote; totals and gaps have none.
    assert len(lines) == sum(1 for c in at.caption if c.value.startswith("“"))
