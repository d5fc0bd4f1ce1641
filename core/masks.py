"""Filter masks with their reason when nothing is left: one wording for every page."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def keep_all(masks: Mapping[str, np.ndarray]) -> np.ndarray:
    """Rows every filter keeps."""
    return np.logical_and.reduce(list(masks.values()))


def empty_reason(masks: Mapping[str, np.ndarray], names: Mapping[str, str], noun: str) -> str:
    """Why no `noun` is left: the filters (by their `names`) that exclude everything on their own,
    or else their combination."""
    alone = [names[key] for key, mask in masks.items() if not mask.any()]
    if alone:
        return f"No {noun} matches the {' and the '.join(alone)} chosen. Widen it to see {noun}s."
    return f"Each filter matches some {noun}s, but no {noun} matches all of them together. Widen one."
