"""Every quote stands verbatim in its source, in the paragraph the row names."""

from __future__ import annotations

import pytest

from core.facts import Facts

QUOTED_TABLES = ["money", "events", "figures", "principles"]


@pytest.mark.parametrize("table", QUOTED_TABLES)
def test_every_quote_is_verbatim_in_its_paragraph(table: str, bundled_facts: Facts, source_paragraphs) -> None:
    frame = bundled_facts.tables[table]
    id_column = frame.columns[0]
    misplaced = []
    for row in frame.itertuples(index=False):
        paragraphs = source_paragraphs[row.source_id]
        paragraph = paragraphs[row.paragraph - 1] if row.paragraph <= len(paragraphs) else ""
        if row.quote not in paragraph:
            misplaced.append((getattr(row, id_column), row.paragraph, row.quote))
    assert not misplaced, f"quotes not found verbatim in the named paragraph: {misplaced}"


def test_no_quote_comes_from_the_comment_form(bundled_facts: Facts, source_paragraphs) -> None:
    texts = {source: "\n\n".join(paragraphs) for source, paragraphs in source_paragraphs.items()}
    for table in QUOTED_TABLES:
        frame = bundled_facts.tables[table]
        for row in frame.itertuples(index=False):
            content_end = texts[row.source_id].index("Добавить комментарий")
            assert texts[row.source_id].index(row.quote) < content_end


def test_amounts_appear_in_their_quotes(bundled_facts: Facts) -> None:
    """A cheap guard against a typo in amount_usd: its billions are written in the quote."""
    for row in bundled_facts.money.itertuples(index=False):
        billions = f"{row.amount_usd / 1e9:g}"
        assert billions in row.quote, (row.flow_id, billions, row.quote)


def test_vague_figures_carry_the_sources_word(bundled_facts: Facts) -> None:
    for frame in (bundled_facts.money, bundled_facts.figures):
        for row in frame.itertuples(index=False):
            if isinstance(row.qualifier, str):
                assert row.qualifier in row.quote
            else:
                assert not any(word in row.quote for word in ("approximately", "some ", "more than"))
