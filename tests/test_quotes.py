"""Every quote of the seed stands verbatim in its source, in the paragraph its locator names."""

from __future__ import annotations

import pytest

from core.evidence import check_documents
from core.facts import Facts
from tests.conftest import REPO_ROOT

SHARED = REPO_ROOT.parent / "shared"
SEED = "usubaliev_2020"


def test_every_seed_quote_is_verbatim_in_its_paragraph(bundled_facts: Facts, source_paragraphs) -> None:
    problems, missing = check_documents(bundled_facts.sources, bundled_facts.evidence, SHARED)
    assert not missing
    assert not problems, [str(p) for p in problems]
    assert (bundled_facts.evidence["source_id"] == SEED).sum() >= 44  # the seed's facts are all checked


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [("quote", "words the source never wrote", "verbatim in ¶8"), ("locator", "¶999", "a locator ¶N")],
)
def test_the_document_check_names_a_quote_or_locator_it_cannot_find(
    bundled_facts: Facts, source_paragraphs, column: str, value: str, words: str
) -> None:
    evidence = bundled_facts.evidence.astype({column: "string"}).copy()
    evidence.loc[1, column] = value  # M02's first quote, in ¶8
    problems, _missing = check_documents(bundled_facts.sources, evidence, SHARED)
    assert [(p.row, p.column, p.value) for p in problems] == [(3, column, value)]
    assert words in problems[0].expected


def test_a_document_not_beside_the_clone_is_reported_not_checked(bundled_facts: Facts, tmp_path) -> None:
    problems, missing = check_documents(bundled_facts.sources, bundled_facts.evidence, tmp_path)
    assert problems == [] and missing == [str(tmp_path / "seed/000_bd7f72c2d4f0b904.txt")]


def test_no_quote_comes_from_the_comment_form(bundled_facts: Facts, source_paragraphs) -> None:
    text = "\n\n".join(source_paragraphs[SEED])
    content_end = text.index("Добавить комментарий")
    seed = bundled_facts.evidence[bundled_facts.evidence["source_id"] == SEED]
    assert all(text.index(str(quote)) < content_end for quote in seed["quote"])


def test_amounts_appear_in_their_quotes(bundled_facts: Facts) -> None:
    """A cheap guard against a typo in amount: its billions are written in the first quote."""
    for row in bundled_facts.money.itertuples(index=False):
        billions = f"{row.amount / 1e9:g}"
        assert billions in row.quote, (row.flow_id, billions, row.quote)


def test_vague_figures_carry_the_sources_word(bundled_facts: Facts) -> None:
    for frame in (bundled_facts.money, bundled_facts.figures):
        for row in frame.itertuples(index=False):
            if isinstance(row.qualifier, str):
                assert row.qualifier in row.quote
            else:
                assert not any(word in row.quote for word in ("approximately", "some ", "more than"))
