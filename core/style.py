"""How things look, everywhere: a money status's colour and pattern (so that status survives
greyscale print), and an event category's colour."""

from __future__ import annotations

from dataclasses import dataclass

from plotly.colors import qualitative


@dataclass(frozen=True)
class StatusStyle:
    colour: str
    pattern: str  # a Plotly bar pattern shape; "" is solid


# Solid for realised, hatched for less firm: the eye reads hatching as "not (yet) real".
STATUS_STYLES = {
    "realised": StatusStyle("#1f6f43", ""),
    "agreed": StatusStyle("#d08c00", "/"),
    "contracts_signed": StatusStyle("#b2182b", "x"),
}
_FALLBACK = StatusStyle("#6b6b6b", ".")


def status_style(status: str) -> StatusStyle:
    """The style of a status; a status from a user's own data that we do not know gets a neutral one."""
    return STATUS_STYLES.get(status, _FALLBACK)


def status_marker(status: str) -> dict:
    """A Plotly bar marker in the status's colour and pattern: the same for every chart."""
    style = status_style(status)
    return {"color": style.colour, "pattern": {"shape": style.pattern, "fillmode": "overlay", "size": 8}}


# An event category's colour follows from the category alone, its place in the data's category
# list (`categories.csv`), never from which categories a filter leaves on screen: a category looks
# the same in every view. Plotly's "Safe" qualitative palette, cycled past its last colour.
CATEGORY_PALETTE: tuple[str, ...] = tuple(qualitative.Safe)


def category_colour(order: int) -> str:
    """The colour of the event category at `order` in the data's category list (the event view's
    `category_order`; a category the list does not name has the order after the last, so all such
    share one colour)."""
    return CATEGORY_PALETTE[int(order) % len(CATEGORY_PALETTE)]
