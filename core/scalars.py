"""A table cell's value as the int or float it holds, for code that knows the column's type.

pandas-stubs type a value read from a frame (itertuples, .at, .iloc) as any pandas scalar: text,
dates, intervals, NA. A column the schema declares an integer or a number holds Python or numpy
numbers; these functions read one with the result and the errors of int() and float(), and tell
the type checker what it is.
"""

from __future__ import annotations

from typing import SupportsFloat, SupportsIndex, SupportsInt

import numpy as np

# What int() and float() take. The concrete types come first: most cells are one of them, and
# checking a Protocol (SupportsInt, ...) is slower.
_INT_LIKE = int | float | np.integer | np.floating | str | bytes | bytearray | SupportsInt | SupportsIndex
_FLOAT_LIKE = float | int | np.floating | np.integer | str | bytes | bytearray | SupportsFloat | SupportsIndex


def as_int(value: object) -> int:
    """`int(value)`: the same result, and a TypeError for a value int() refuses (NA, None, a date)."""
    if isinstance(value, _INT_LIKE):
        return int(value)
    raise TypeError(f"int() argument must be a string, a bytes-like object or a real number, not {_name(value)}")


def as_float(value: object) -> float:
    """`float(value)`: the same result, and a TypeError for a value float() refuses."""
    if isinstance(value, _FLOAT_LIKE):
        return float(value)
    raise TypeError(f"float() argument must be a string or a real number, not {_name(value)}")


def _name(value: object) -> str:
    return f"'{type(value).__name__}'"
