"""A metric card that always carries its status and the source's words."""

from __future__ import annotations

import html
import re

import pandas as pd
import streamlit as st

from core.evidence import stated_value
from core.formatting import escape_markdown, is_missing, not_stated, qualifier_word
from core.i18n import _
from core.overview import KeyFigure
from core.reference import fact_citation, full_reference

CARD_WIDTH = 250  # pixels: room for "≈ US$300 bn" at the metric font size, two abreast at 800 px
# A longer value ("≈ 12 млрд долл. США" in Russian) widens every card of its grid: pixels per
# character at the metric font size, and the card's padding and border.
VALUE_CHARACTER = 18
CARD_PADDING = 40


def data_html(text: object) -> str:
    """Text from the data, made safe for Markdown that allows HTML (unsafe_allow_html): shown exactly
    as written, neither HTML nor Markdown."""
    # NOTE: quote=False: html.escape's '&#x27;' for an apostrophe holds a '#', which escape_markdown
    # would break; & < > are all an element's text needs.
    return escape_markdown(html.escape(str(text), quote=False))


def written_in(text: object, language: str = "en") -> str:
    """Data text marked with the language it is written in (a quote: the source's English), for
    screen readers and the browser; for st.markdown/st.caption with unsafe_allow_html=True."""
    return f'<span lang="{html.escape(language)}">{data_html(text)}</span>'


def locator_html(text: object) -> str:
    """Where a quote stands, as the data writes it ('¶8', 'first paragraph', '(参考) (2)'): marked
    Japanese when it quotes a Japanese heading, else English, the data's language."""
    language = "ja" if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", str(text)) else "en"
    return written_in(text, language)


def reference_words(text: str, language: str | None) -> str:
    """The data's words in a reference (core.reference.full_reference): escaped; the source's
    title marked with its language."""
    return data_html(text) if language is None else written_in(text, language)


def identifier(text: object) -> str:
    """A code from the data (a source id, a file path), marked as words of no language (BCP 47
    'zxx'): neither English nor the interface's language, so screen readers and the language check
    take it as it is. For st.markdown/st.caption with unsafe_allow_html=True."""
    return f'<span lang="zxx">{data_html(text)}</span>'


def card_width(figures: list[KeyFigure]) -> int:
    """One width for a grid's cards: CARD_WIDTH, or more where a value would not fit (a metric's
    value is cut with an ellipsis, never wrapped)."""
    longest = max((len(figure.value) for figure in figures), default=0)
    return max(CARD_WIDTH, longest * VALUE_CHARACTER + CARD_PADDING)


def key_figure_card(figure: KeyFigure, width: int = CARD_WIDTH) -> None:
    with st.container(border=True, width=width):
        # The label as a paragraph of its own, wrapped: st.metric cuts a long label with "…" at
        # every width (its full text only in a tooltip). The metric keeps it for assistive technology.
        label = escape_markdown(figure.label)
        st.markdown(f"**{label}**")
        st.metric(label=label, value=figure.value, label_visibility="collapsed")
        details = [f"**{escape_markdown(figure.status)}**", escape_markdown(figure.period)]
        if figure.qualifier:
            word = escape_markdown(qualifier_word(figure.qualifier))
            details.insert(0, _("*{qualifier}* (the source's word)").format(qualifier=word))
        st.markdown(" · ".join(details))
        if figure.more:
            st.caption(_("Figures that cannot be added together. Each one, with its quote, is on the Aid and "
                         "investment page."))  # fmt: skip
        elif figure.quote is None and figure.value == not_stated():
            st.caption(_("No figure in the sources."))
        elif figure.quote is None:
            st.caption(_("A sum of several figures: each one's quote is on the Aid and investment page."))
        else:
            # The quote as the source wrote it, marked as English whatever the interface's language.
            st.caption(
                _("“{quote}” ({source}, {locator})").format(
                    quote=written_in(figure.quote, figure.quote_language),
                    source=identifier(figure.source_id),
                    locator=locator_html(figure.locator),
                ),
                unsafe_allow_html=True,
            )
        if figure.citation:
            cite_fact(figure.citation)


def cite_fact(citation: str) -> None:
    """A fact's own one-line citation (source, locator, quote), ready to copy, behind a button."""
    with st.popover(_("Cite this figure"), icon=":material/format_quote:", width="content"):
        st.code(citation, language=None, wrap_lines=True)


def evidence_list(evidence: pd.DataFrame, sources: pd.DataFrame, key: str) -> None:
    """Every source that states one fact: its words verbatim in its language (with the English
    gloss where it is not English), where they stand, the full reference and a citation to copy.
    `evidence`: the fact's rows of the evidence table, in their order."""
    by_id = {str(source["source_id"]): source for source in sources.to_dict("records")}
    for number, row in enumerate(evidence.itertuples(index=False)):
        source = by_id[str(row.source_id)]
        language = str(source["language"])
        line = f"> “{written_in(row.quote, language)}” ({locator_html(row.locator)})"
        if not is_missing(row.gloss):
            line += "  \n> " + _("In English: {gloss}").format(gloss=data_html(row.gloss))
        stated = stated_value(row)
        if stated:  # where sources differ, which value is this source's
            line += f"  \n> **{data_html(stated)}**"
        st.markdown(line, unsafe_allow_html=True)
        st.caption(full_reference(source, reference_words), unsafe_allow_html=True)
        with st.container(key=f"{key}_cite_{number}"):
            cite_fact(fact_citation(source, row.locator, str(row.quote)))


def key_figure_grid(figures: list[KeyFigure]) -> None:
    """Cards of one width that wrap onto as many rows as the screen needs, so a value is never cut."""
    width = card_width(figures)
    with st.container(horizontal=True, gap="small"):
        for figure in figures:
            key_figure_card(figure, width)
