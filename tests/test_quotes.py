"""Every quote of the seed stands verbatim in its source, in the paragraph its locator names."""

from __future__ import annotations

import re

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


# Numbers with their scale as quotes write them: 390億円, 163億5,900万円, 1億3,500万円, 195百万ドル,
# $ 5.5 billion, 16.359 billion yen, 305 млн.; a table row "供与限度額(億円) | 150" scales by its heading.
_SCALED = [
    (re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*億(?:\s*(\d[\d,]*)\s*万)?"), 1e8),
    (re.compile(r"(?<![\d億,])(\d[\d,]*)\s*万"), 1e4),
    (re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*百万"), 1e6),
    (re.compile(r"(\d[\d,]*(?:\.\d+)?),?\s*(?:billion|bn|млрд)"), 1e9),  # M08's source prints "6.5, billion"
    (re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:million|млн)"), 1e6),
]


def stated_amounts(quote: str) -> set[int]:
    """Every amount a quote writes, in whole units."""
    found = set()
    for pattern, scale in _SCALED:
        for match in pattern.finditer(quote):
            value = float(match.group(1).replace(",", "")) * scale
            if scale == 1e8 and match.group(2):
                value += float(match.group(2).replace(",", "")) * 1e4
            found.add(round(value))
    if "億円" in quote:
        # A table's row "label：value" (core.columns.QUOTE_SEPARATOR keeps " | " out of quotes).
        found |= {round(float(n) * 1e8) for n in re.findall(r"：\s*(\d+(?:\.\d+)?)\s*$", quote)}
    return found


@pytest.mark.parametrize(
    ("quote", "amount"),
    [("総額390億円を限度とする円借款", 39_000_000_000), ("163億5,900万円を限度とする", 16_359_000_000),
     ("供与限度額:1億800万円", 108_000_000), ("総額195百万ドル", 195_000_000),
     ("of 16.359 billion yen", 16_359_000_000),
     ("в размере 305 млн. японских иен", 305_000_000),
     ("достиг 2 млрд долларов", 2_000_000_000), ("供与限度額(億円)：230.23", 23_023_000_000),
     ("some US $300 billion", 300_000_000_000)],
)  # fmt: skip
def test_the_amount_reader_reads_each_way_quotes_write_money(quote: str, amount: int) -> None:
    assert amount in stated_amounts(quote)


def test_amounts_appear_in_their_quotes(bundled_facts: Facts) -> None:
    """A guard against a typo in `amount`: one of the figure's quotes writes it (in billions, 億, 万, …)."""
    evidence = bundled_facts.evidence[bundled_facts.evidence["resource"] == "money"]
    quotes = evidence.groupby(evidence["key"].astype(str))["quote"].agg(lambda q: [str(x) for x in q])
    unstated = [
        (row.flow_id, row.amount)
        for row in bundled_facts.money.itertuples(index=False)
        if not any(int(row.amount) in stated_amounts(q) for q in quotes[str(row.flow_id)])
    ]
    assert not unstated


# How each language's quotes word a qualifier: a ceiling is 限度 (限度額, を限度とする) in Japanese.
QUALIFIER_WORDS = {"up to": ("up to", "限度", "上限", "まで", "до"), "approximately": ("approximately", "約"),
                   "some": ("some",), "more than": ("more than", "以上", "более")}  # fmt: skip


def test_vague_figures_carry_the_sources_word(bundled_facts: Facts) -> None:
    """A qualified figure has a quote with the source's word for it; an English quote of a plain
    figure has none of the vague words."""
    evidence = bundled_facts.evidence[bundled_facts.evidence["resource"].isin(["money", "figures"])]
    quotes = evidence.groupby(evidence["resource"].astype(str) + "/" + evidence["key"].astype(str))["quote"].agg(
        lambda q: " | ".join(str(x) for x in q)
    )
    for resource, frame, key in (
        ("money", bundled_facts.money, "flow_id"),
        ("figures", bundled_facts.figures, "figure_id"),
    ):
        for row in frame.itertuples(index=False):
            said = quotes[f"{resource}/{getattr(row, key)}"]
            if isinstance(row.qualifier, str):
                assert any(word in said for word in QUALIFIER_WORDS[row.qualifier]), (getattr(row, key), said)
            elif row.source_id == SEED:
                assert not any(word in row.quote for word in ("approximately", "some ", "more than"))
