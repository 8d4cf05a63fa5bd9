import math

import pytest

from server.judge.checkers import REGISTRY, check_exception
from server.problems.schema import CheckerSpec

FLOAT = CheckerSpec(type="float", rel_tol=1e-9, abs_tol=1e-12)
exact, floats, unordered = REGISTRY["exact"], REGISTRY["float"], REGISTRY["unordered"]


@pytest.mark.parametrize("expected, actual", [(1, 1), ("a", "a"), ([1, [2, {"k": None}]], [1, [2, {"k": None}]])])
def test_exact_accepts_equal_values(expected, actual):
    assert exact(expected, actual).ok


@pytest.mark.parametrize("expected, actual", [({"a": 1, "b": [2.0]}, {"b": [2.0], "a": 1}), (0.0, -0.0),
                                              ([[1, "x", 2.5]] * 2000, [[1, "x", 2.5]] * 2000)])
def test_exact_accepts_equal_values_however_they_are_written(expected, actual):
    assert exact(expected, actual).ok


@pytest.mark.parametrize("expected, actual, fragment", [
    (1, 1.0, "expected integer 1, got float 1.0"),
    ([[1, 2]] * 500 + [[1, 2.0]], [[1, 2]] * 501, "expected float 2.0 at [500][1], got integer 2"),
    ({"a": [True]}, {"a": [1]}, "expected boolean true at [\'a\'][0], got integer 1"),
    (math.nan, math.nan, "expected NaN, got NaN"),
    (1, True, "got boolean true"),
    ([1, 2], [1, 2, 3], "list of 2 items, got 3"),
    ([1, [2, 3]], [1, [2, 4]], "at [1][1]"),
    ({"a": 1}, {"b": 1}, "missing [\"a\"]"),
])
def test_exact_explains_the_first_difference(expected, actual, fragment):
    check = exact(expected, actual)
    assert not check.ok and fragment in check.message


def test_float_uses_the_looser_of_relative_and_absolute_tolerance():
    assert floats(1e6, 1e6 * (1 + 5e-10), FLOAT).ok            # relative
    assert floats(0.0, 5e-13, FLOAT).ok                          # absolute
    assert not floats(1.0, 1.0 + 1e-8, FLOAT).ok
    assert floats([1.0, [2.0]], [1, [2.0 + 1e-12]], FLOAT).ok    # nested, int for float
    assert not floats([1.0, 2.0], [1.0, 2.1], FLOAT).ok


def test_float_treats_nan_and_infinities_strictly():
    assert floats(math.nan, math.nan, FLOAT).ok
    assert not floats(1.0, math.nan, FLOAT).ok
    assert floats(math.inf, math.inf, FLOAT).ok
    assert not floats(math.inf, -math.inf, FLOAT).ok
    assert not floats(1.0, True, FLOAT).ok


def test_unordered_compares_multisets():
    assert unordered([1, 2, 2, [3]], [[3], 2, 1, 2]).ok
    check = unordered([1, 2, 2], [2, 1, 1])
    assert not check.ok and "missing [2]" in check.message and "unexpected [1]" in check.message


def test_exception_checker_accepts_subclasses_by_builtin_name():
    raised = {"raised": {"type": "MyError", "builtin_types": ["ValueError", "Exception", "BaseException"]}}
    assert check_exception("ValueError", raised).ok
    assert not check_exception("TypeError", raised).ok
    returned = check_exception("ValueError", {"returned": 3})
    assert not returned.ok and "returned 3" in returned.message
