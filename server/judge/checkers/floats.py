"""The ``float`` checker: numbers within a relative or absolute tolerance."""

import math

from server.judge.checkers.base import PASSED, Check, as_floats
from server.judge.checkers.exact import first_difference


def check(expected, actual, spec) -> Check:
    """Numbers match when within ``abs_tol`` or ``rel_tol`` (the looser wins), elementwise.

    NaN matches only NaN and an infinity only the same infinity; booleans and
    other values compare exactly.
    """
    def close(want, got) -> bool:
        pair = as_floats(want, got)
        if pair is None:
            return want == got
        want, got = pair
        if math.isnan(want) or math.isnan(got):
            return math.isnan(want) and math.isnan(got)
        return math.isclose(want, got, rel_tol=spec.rel_tol, abs_tol=spec.abs_tol)

    difference = first_difference(expected, actual, "", same_scalar=close)
    return PASSED if difference is None else Check(False, difference)
