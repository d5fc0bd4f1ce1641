"""The typed cell readers give what int() and float() give, and refuse what they refuse."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.scalars import as_float, as_int

NUMBERS = [3, True, 2.7, -4.0, np.int64(1998), np.int32(7), np.float64(2.0), np.float32(1.5), "12", b"5"]
REFUSED = [None, pd.NA, pd.NaT, [1], pd.Timestamp("2020-01-01"), pd.Interval(0, 1)]


@pytest.mark.parametrize("value", NUMBERS)
def test_as_int_and_as_float_match_the_builtins(value) -> None:
    assert as_int(value) == int(value) and type(as_int(value)) is int
    assert as_float(value) == float(value) and type(as_float(value)) is float


@pytest.mark.parametrize("value", REFUSED)
@pytest.mark.parametrize(("typed", "builtin"), [(as_int, int), (as_float, float)])
def test_a_refused_value_raises_as_the_builtin_does(value, typed, builtin) -> None:
    with pytest.raises(TypeError):
        builtin(value)
    with pytest.raises(TypeError, match=f"^{builtin.__name__}\\(\\) argument must be .*{type(value).__name__}'$"):
        typed(value)


def test_nan_is_not_a_whole_number() -> None:
    with pytest.raises(ValueError, match="NaN"):
        as_int(np.nan)
    assert np.isnan(as_float(np.nan))
