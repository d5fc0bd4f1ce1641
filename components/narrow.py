"""What the browser does that Python cannot: a chart's in-chart labels left out on a narrow
screen, and the focus moved to a card that has just appeared or into a popover just opened.
Streamlit gives the server no viewport width and no way to set focus or ARIA, so these are
constant CSS or script: no data in them.
"""

from __future__ import annotations

import json

import streamlit as st

from components.streamlit_internals import (
    MAIN_AREA_SELECTOR,
    MAIN_PADDING_PX,
    OPEN_SIDEBAR_SELECTOR,
    POPOVER_BODY_SELECTOR,
    POPOVER_BUTTON_SELECTOR,
    SIDEBAR_OVERLAYS_UP_TO_PX,
    SIDEBAR_PX,
    TABLE_GRID_SELECTOR,
    TABLE_SELECTOR,
    WIDE_MAIN_PADDING_PX,
    WIDE_PADDING_FROM_PX,
    key_class,
    key_selector,
    text_labels_selector,
)
from core.text_width import NARROWEST_MAIN_COLUMN_PX

NARROW = 640  # px of window below which a chart's text labels cannot fit beside its marks


def _sidebar_at_most(window: str, padding: int) -> str:
    widest = f"max({SIDEBAR_PX}px, calc(100vw - {padding + NARROWEST_MAIN_COLUMN_PX}px))"
    return f"@media ({window}){{{OPEN_SIDEBAR_SELECTOR}{{max-width:{widest}}}}}"


# The reader may drag the sidebar wider (Streamlit keeps the width in the browser, up to 600 px),
# but not so wide that the main column falls below the narrowest the charts' words are placed for
# (core.text_width.NARROWEST_MAIN_COLUMN_PX, the main column at 864 px with the default sidebar):
# there a 1000 px window with a 550 px sidebar drew the timeline 290 px wide and cut its labels,
# the aid charts' amounts and the comparison panels' footers. Never narrower than the default.
# The windows are Streamlit's own media queries, so a zoomed window's fractional width is never
# between them. (Streamlit's max-width is in one class; this selector of two attributes wins.)
SIDEBAR_STYLE = (
    "<style>"
    + _sidebar_at_most(f"width > {SIDEBAR_OVERLAYS_UP_TO_PX}px", MAIN_PADDING_PX)
    + _sidebar_at_most(f"min-width: {WIDE_PADDING_FROM_PX}px", WIDE_MAIN_PADDING_PX)
    + "</style>"
)


def labels_off_when_narrow(chart_key: str, note_key: str) -> None:
    """On a window under NARROW px, the chart `chart_key` draws no text beside its marks (there a
    label would be cut at the chart's edge, WCAG 1.4.10), and the container `note_key` (a note
    that says where the labels are instead) shows; on a wider window the note is hidden."""
    labels, note = text_labels_selector(chart_key), key_selector(note_key)
    style = (
        f"<style>{note}{{display:none}}"
        f"@media (max-width:{NARROW}px){{{labels}{{display:none}}"
        f"{note}{{display:block}}}}</style>"
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
    container = key_selector(container_key)
    selector = json.dumps(f"{container} h1, {container} h2, {container} h3")
    flag = json.dumps(f"focusWatch-{key_class(container_key)}")
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


def name_tables_by_their_headings() -> None:
    """Give every interactive table (st.dataframe's grid) the accessible name of the heading
    just before it (its words, without the heading's "Link to heading" anchor), so a screen
    reader announces "The 4 figures shown (the chart's data), grid" rather than an unnamed grid
    (WCAG 1.3.1, 4.1.2). Streamlit offers no way to name the grid from Python.

    NOTE: constant script, no data in it (the heading's words stay in the heading). Tables are
    drawn and redrawn after the script has run, so a watcher names each new grid; it touches only
    grids whose name is missing or stale, so its own change does not wake it again."""
    headings = json.dumps(",".join(f"{MAIN_AREA_SELECTOR} {h}" for h in ("h1", "h2", "h3", "summary")))
    script = (
        "<script>(function(){if(window.nameGrids)return;window.nameGrids=true;"
        f"function run(){{var heads=Array.from(document.querySelectorAll({headings}));"
        f"document.querySelectorAll({json.dumps(TABLE_SELECTOR)}).forEach(function(frame){{"
        f"var grid=frame.querySelector({json.dumps(TABLE_GRID_SELECTOR)});if(!grid)return;var head=null;"
        "heads.forEach(function(h){if(h.compareDocumentPosition(frame)&Node.DOCUMENT_POSITION_FOLLOWING)head=h;});"
        "if(!head)return;var c=head.cloneNode(true);c.querySelectorAll('a').forEach(function(a){a.remove();});"
        "var name=c.textContent.trim();"
        "if(grid.getAttribute('aria-label')!==name)grid.setAttribute('aria-label',name);});}"
        "run();new MutationObserver(run).observe(document.body,{childList:true,subtree:true});"
        "})();</script>"
    )
    st.sidebar.html(script, unsafe_allow_javascript=True)


def focus_opened_popovers() -> None:
    """Move the keyboard focus into a popover (Share, Cite) opened from its button, and back to the
    button when it closes, and name it after its button (WCAG 2.4.3, 4.1.2). Streamlit draws an
    open popover at the end of the page and leaves the focus on its button: a keyboard reached the
    link to copy after every other control of the page (38 Tabs on /aid).

    NOTE: constant script, no data in it. It moves the focus only while it is on the open
    popover's button (a reader who has moved on keeps it), so a popover whose contents arrive
    after a rerun (components.share) takes it as soon as it opens, empty."""
    body, button = json.dumps(POPOVER_BODY_SELECTOR), json.dumps(POPOVER_BUTTON_SELECTOR)
    script = (
        "<script>(function(){if(window.focusPopovers)return;window.focusPopovers=true;var opener=null;"
        f"function run(){{var body=document.querySelector({body});"
        "if(!body){if(opener&&document.body.contains(opener)&&"
        "(document.activeElement===document.body||document.activeElement===null))opener.focus();"
        "opener=null;return;}"
        f"var open=document.querySelector({button}+'[aria-expanded=\"true\"]');"
        "if(!open||body.dataset.focused)return;body.dataset.focused='1';opener=open;"
        "var words=open.querySelector('p');if(words)body.setAttribute('aria-label',words.textContent.trim());"
        "if(document.activeElement===open){body.setAttribute('tabindex','-1');body.focus();}}"
        "new MutationObserver(run).observe(document.body,{childList:true,subtree:true,attributes:true,"
        "attributeFilter:['aria-expanded']});"
        "})();</script>"
    )
    st.sidebar.html(script, unsafe_allow_javascript=True)
