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


def test_a_null_is_shown_once_with_its_python_name():
    assert exact("", None).message == 'expected string "", got null (None)'


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


def test_an_integer_past_a_float_s_range_is_a_difference_not_a_crash():
    """``float(10**400)`` raised OverflowError in the host's checkers: a wrong answer became a platform error."""
    huge = 10 ** 400
    assert not floats(1.5, huge, FLOAT).ok and not floats([huge], [1.5], FLOAT).ok
    assert floats(huge, huge, FLOAT).ok
    assert not REGISTRY["array"]([1.5], [huge], ARRAY).ok
    assert not REGISTRY["array"](nd("float64", [1], [1.5]), nd("int64", [1], [huge]), ARRAY).ok


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


ARRAY = CheckerSpec(type="array", rel_tol=1e-6, abs_tol=1e-9)


def nd(dtype, shape, data):
    return {"$ndarray": {"dtype": dtype, "shape": shape, "data": data}}


def test_array_accepts_values_within_tolerance_with_nan_and_infinities_in_the_same_places():
    expected = nd("float64", [2, 2], [[1.0, {"$float": "NaN"}], [math.inf, 0.0]])
    assert REGISTRY["array"](expected, nd("float64", [2, 2], [[1.0 + 1e-7, math.nan], [math.inf, 1e-10]]), ARRAY).ok
    assert REGISTRY["array"](expected, [[1.0, math.nan], [math.inf, 0.0]], ARRAY).ok  # a list stands for float64


@pytest.mark.parametrize("actual, spec, message", [
    (nd("float64", [3, 2], [[1.0, 2.0]] * 3), ARRAY,
     "expected shape (2, 3), got shape (3, 2) (expected float64 array of shape (2, 3), "
     "got float64 array of shape (3, 2))"),
    (nd("float64", [2, 3], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.1]]), ARRAY,
     "1 of 6 elements differ; first at index (1, 2): expected 6.0, got 6.1 "
     "(expected shape (2, 3), got shape (2, 3))"),
    (nd("float64", [2, 3], [[1.0, math.nan, 3.0], [4.0, 5.0, math.nan]]), ARRAY,
     "2 of 6 elements differ; first at index (0, 1): expected 2.0, got NaN"),
    (nd("int64", [2, 3], [[1, 2, 3], [4, 5, 6]]), ARRAY,
     "expected dtype float64, got int64 (expected float64 array of shape (2, 3), got int64 array of shape (2, 3))"),
    (nd("float32", [2, 3], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), CheckerSpec(type="array", dtype="exact"),
     "expected dtype float64, got float32"),
    ([[1.0, 2.0], [3.0]], ARRAY, "expected float64 array of shape (2, 3), got list [[1.0, 2.0], [3.0]]"),
])
def test_array_explains_where_arrays_first_differ(actual, spec, message):
    expected = nd("float64", [2, 3], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    check = REGISTRY["array"](expected, actual, spec)
    assert not check.ok and check.message.startswith(message)


def test_array_dtype_modes():
    floats32 = nd("float32", [1], [1.0])
    assert REGISTRY["array"](nd("float64", [1], [1.0]), floats32, ARRAY).ok                  # same kind
    assert REGISTRY["array"](nd("int32", [1], [1]), nd("uint8", [1], [1]), ARRAY).ok          # integers
    assert REGISTRY["array"](nd("int64", [1], [1]), floats32, CheckerSpec(type="array", dtype="any")).ok
    assert not REGISTRY["array"](nd("bool", [1], [True]), nd("int64", [1], [1]), ARRAY).ok
    exactly = CheckerSpec(type="array")
    assert not REGISTRY["array"](nd("int64", [1], [2 ** 62]), nd("int64", [1], [2 ** 62 + 1]), exactly).ok


@pytest.mark.parametrize("actual, shape", [([], [0]), ([[], [], []], [3, 0])])
def test_an_empty_plain_list_matches_an_empty_array_of_any_dtype_kind(actual, shape):
    """A list with no elements says nothing of a dtype: natural code returns ``[]`` for no labels (int64, as
    kmeans-step expects) as for no scores (float64, as tfidf does); only the shape is checked."""
    data = [] if shape == [0] else [[], [], []]
    for dtype in ("float64", "int64", "bool"):
        assert REGISTRY["array"](nd(dtype, shape, data), actual, ARRAY).ok, dtype
    assert not REGISTRY["array"](nd("int64", [2, 0], [[], []]), actual, ARRAY).ok  # the shape still counts


def test_array_compares_arrays_inside_lists_and_numbers_beside_them():
    expected = [nd("float64", [2], [1.0, 2.0]), 0.5]
    assert REGISTRY["array"](expected, [nd("float64", [2], [1.0, 2.0]), 0.5 + 1e-8], ARRAY).ok
    check = REGISTRY["array"](expected, [nd("float64", [2], [1.0, 2.5]), 0.5], ARRAY)
    assert check.message.startswith("1 of 2 elements differ at [0]; first at index (1,): expected 2.0, got 2.5")


@pytest.mark.parametrize("options, fragment", [
    ({"type": "exact", "dtype": "kind"}, "dtype applies only to the array checker"),
    ({"type": "exact", "rel_tol": 1e-6}, "apply only to the float and array checkers"),
    ({"type": "array", "dtype": "loose"}, "Input should be 'kind', 'exact' or 'any'"),
])
def test_array_checker_options_are_validated(options, fragment):
    with pytest.raises(ValueError, match=fragment):
        CheckerSpec(**options)


def table(columns=("group", "mean", "count"), dtypes=("object", "float64", "int64"), index=("a", "b"), data=None):
    rows = data if data is not None else [["x", 1.5, 2], ["y", {"$float": "NaN"}, 0]]
    return {"$dataframe": {"columns": list(columns), "dtypes": list(dtypes), "index": list(index), "data": rows}}


def series(name="mean", dtype="float64", index=("a", "b"), data=(1.5, 2.0)):
    return {"$series": {"name": name, "dtype": dtype, "index": list(index), "data": list(data)}}


def test_array_accepts_dataframes_and_series_within_tolerance_with_nan_in_the_same_places():
    assert REGISTRY["array"](table(), table(data=[["x", 1.5 + 1e-7, 2], ["y", math.nan, 0]]), ARRAY).ok
    assert REGISTRY["array"](table(), table(dtypes=("object", "float32", "int32")), ARRAY).ok  # the same kinds
    assert REGISTRY["array"](series(), series(data=(1.5, 2.0 + 1e-9)), ARRAY).ok
    assert REGISTRY["array"]([series(), 2], [series(), 2], ARRAY).ok


@pytest.mark.parametrize("actual, message", [
    (table(columns=("group", "count", "mean"), dtypes=("object", "int64", "float64"),
           data=[["x", 2, 1.5], ["y", 0, math.nan]]),
     'expected columns ["group", "mean", "count"], got columns ["group", "count", "mean"]'),
    (table(index=("b", "a")), 'expected index label "a" at row 0, got "b"'),
    (table(index=(0, "b")), 'expected index label "a" at row 0, got 0'),
    (table(index=("a",), data=[["x", 1.5, 2]]), 'expected 2 rows, got 1 (expected index ["a", "b"], got index ["a"])'),
    (table(dtypes=("object", "float64", "float64"), data=[["x", 1.5, 2.0], ["y", math.nan, 0.0]]),
     'column "count": expected dtype int64, got float64'),
    (table(data=[["x", 1.5, 2], ["y", 0.0, 0]]),
     'column "mean": 1 of 2 values differ; first at row 1 (index "b"): expected NaN, got 0.0'),
    (table(data=[["x", 1.5, 2], ["Y", math.nan, 0]]),
     'column "group": 1 of 2 values differ; first at row 1 (index "b"): expected "y", got "Y"'),
    (series(name="count", dtype="int64", data=(2, 0)),
     'expected DataFrame of 2 rows x 3 columns, got int64 Series of 2 rows named "count"'),
    (nd("float64", [2], [1.0, 2.0]), "expected DataFrame of 2 rows x 3 columns, got float64 array of shape (2,)"),
    ([[1.5, 2]], "expected DataFrame of 2 rows x 3 columns, got list [[1.5, 2]]"),
])
def test_array_explains_where_dataframes_first_differ(actual, message):
    check = REGISTRY["array"](table(), actual, ARRAY)
    assert not check.ok and check.message == message


@pytest.mark.parametrize("actual, spec, message", [
    (series(name=None), ARRAY, 'expected a Series named "mean", got one named null'),
    (series(data=(1.5, 2.5)), ARRAY, 'Series: 1 of 2 values differ; first at row 1 (index "b"): expected 2.0, got 2.5'),
    (series(dtype="float32"), CheckerSpec(type="array", dtype="exact"), "Series: expected dtype float64, got float32"),
    ([series()], ARRAY, "expected float64 Series of 2 rows named \"mean\", got list [{\"$series\""),
])
def test_array_explains_where_series_first_differ(actual, spec, message):
    check = REGISTRY["array"](series(), actual, spec)
    assert not check.ok and check.message.startswith(message)

