"""What the browser does that Python cannot: a chart's in-chart labels left out on a narrow
screen, and the focus moved to a card that has just appeared. Streamlit gives the server no
viewport width and no way to set focus or ARIA, so both are constant CSS or script: no data in them.
"""

from __future__ import annotations

import json

import streamlit as st

NARROW = 640  # px of window below which a chart's text labels cannot fit beside its marks


def labels_off_when_narrow(chart_key: str, note_key: str) -> None:
    """On a window under NARROW px, the chart `chart_key` draws no text beside its marks (there a
    label would be cut at the chart's edge, WCAG 1.4.10), and the container `note_key` (a note
    that says where the labels are instead) shows; on a wider window the note is hidden."""
    chart, note = _css_class(chart_key), _css_class(note_key)
    style = (
        f"<style>.{note}{{display:none}}"
        f"@media (max-width:{NARROW}px){{.{chart} .textpoint,.{chart} .bartext{{display:none}}"
        f".{note}{{display:block}}}}</style>"
    )
    st.html(style)


def focus_heading(container_key: str) -> None:
    """Move the keyboard focus to the heading of the container `container_key` each time it
    appears or its heading changes (an event chosen in a list or a chart), so that a screen reader
    reads the card that appeared (WCAG 2.4.3, 4.1.3). A card already there when the page opens (a
    shared link) keeps the focus where the browser puts it.

    NOTE: the script runs in Streamlit's own page (unsafe_allow_javascript) and holds only the
    container's CSS class, a constant of the app. Streamlit keeps an unchanged st.html element, so
    the script runs once a page load and watches the page; the flag keeps one watcher per card.
    The heading gets tabindex=-1 to take the focus without becoming a tab stop."""
    css = _css_class(container_key)
    selector = json.dumps(f".{css} h1, .{css} h2, .{css} h3")
    flag = json.dumps(f"focusWatch-{css}")
    script = (
        "<script>(function(){"
        f"var sel={selector},flag={flag};if(window[flag])return;window[flag]=true;"
        "var h0=document.querySelector(sel),last=h0?h0.textContent:null;"
        "new MutationObserver(function(){var h=document.querySelector(sel),t=h?h.textContent:null;"
        "if(t===last)return;last=t;if(!h)return;"
        "h.setAttribute('tabindex','-1');h.focus();"
        "}).observe(document.body,{childList:true,subtree:true,characterData:true});"
        "})();</script>"
    )
    st.html(script, unsafe_allow_javascript=True)


def _css_class(key: str) -> str:
    """The class Streamlit gives an element or container drawn with `key`."""
    return f"st-key-{key}"


def name_tables_by_their_headings() -> None:
    """Give every interactive table (st.dataframe's grid) the accessible name of the heading
    just before it (its words, without the heading's "Link to heading" anchor), so a screen
    reader announces "The 4 figures shown (the chart's data), grid" rather than an unnamed grid
    (WCAG 1.3.1, 4.1.2). Streamlit offers no way to name the grid from Python.

    NOTE: constant script, no data in it (the heading's words stay in the heading). Tables are
    drawn and redrawn after the script has run, so a watcher names each new grid; it touches only
    grids whose name is missing or stale, so its own change does not wake it again."""
    script = (
        "<script>(function(){if(window.nameGrids)return;window.nameGrids=true;"
        "function run(){var heads=Array.from(document.querySelectorAll("
        '\'[data-testid="stMain"] h1,[data-testid="stMain"] h2,[data-testid="stMain"] h3,'
        '[data-testid="stMain"] summary\'));'
        "document.querySelectorAll('[data-testid=\"stDataFrame\"]').forEach(function(frame){"
        "var grid=frame.querySelector('[role=\"grid\"]');if(!grid)return;var head=null;"
        "heads.forEach(function(h){if(h.compareDocumentPosition(frame)&Node.DOCUMENT_POSITION_FOLLOWING)head=h;});"
        "if(!head)return;var c=head.cloneNode(true);c.querySelectorAll('a').forEach(function(a){a.remove();});"
        "var name=c.textContent.trim();"
        "if(grid.getAttribute('aria-label')!==name)grid.setAttribute('aria-label',name);});}"
        "run();new MutationObserver(run).observe(document.body,{childList:true,subtree:true});"
        "})();</script>"
    )
    st.sidebar.html(script, unsafe_allow_javascript=True)
