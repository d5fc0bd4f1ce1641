"""Filter masks with their reason when nothing is left: one wording for every page."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from core.i18n import N_, _, pgettext

# Per noun, the two sentences: a filter that excludes everything alone ({filters}: their names, in
# the run's language), and a combination that does. Whole sentences, so a language can reorder them.
_SENTENCES = {
    "figure": (
        N_("No figure matches the {filters} chosen. Widen it to see figures."),
        N_("Each filter matches some figures, but no figure matches all of them together. Widen one."),
    ),
    "event": (
        N_("No event matches the {filters} chosen. Widen it to see events."),
        N_("Each filter matches some events, but no event matches all of them together. Widen one."),
    ),
}
_ANYTHING = (
    N_("Nothing matches the {filters} chosen. Widen it."),
    N_("Each filter matches something, but nothing matches all of them together. Widen one."),
)


def keep_all(masks: Mapping[str, np.ndarray]) -> np.ndarray:
    """Rows every filter keeps."""
    return np.logical_and.reduce(list(masks.values()))


def empty_reason(masks: Mapping[str, np.ndarray], names: Mapping[str, str], noun: str) -> str:
    """Why no `noun` ("figure" or "event") is left: the filters (by their `names`, in the run's
    language) that exclude everything on their own, or else their combination."""
    alone_sentence, together_sentence = _SENTENCES.get(noun, _ANYTHING)
    alone = [names[key] for key, mask in masks.items() if not mask.any()]
    if alone:
        joined = alone[0]
        for name in alone[1:]:
            joined = pgettext("filter names in 'No figure matches the … chosen'", "{filters} and the {filter}").format(
                filters=joined, filter=name
            )
        return _(alone_sentence).format(filters=joined)
    return _(together_sentence)
