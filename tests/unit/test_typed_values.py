"""Typed values: numpy arrays written as JSON, built and encoded in the sandbox's code, validated strictly on
the host, shown to reviewers with dtype and shape."""

import json
import math

import numpy
import pytest

from sandbox.tsbox import typed
from sandbox.tsbox.tojson import to_json_value
from sandbox.typed_values import TypedValueError, plain, validate
from sandbox.untrusted import UntrustedDataError, parse_json
from server.readable_values import dumps_readable


def array(dtype, shape, data):
    return {"$ndarray": {"dtype": dtype, "shape": shape, "data": data}}


def test_a_typed_input_is_built_into_real_arrays_and_scalars_with_tagged_non_finite_floats():
    built = typed.build({"args": [array("float32", [2, 2], [[1, {"$float": "NaN"}], [{"$float": "-Infinity"}, 4]]),
                                  array("int64", [], 7), [1, 2]]})
    matrix, scalar, plain_list = built["args"]
    assert type(matrix) is numpy.ndarray and matrix.dtype == numpy.float32 and matrix.shape == (2, 2)
    assert math.isnan(matrix[0, 1]) and matrix[1, 0] == -math.inf
    assert type(scalar) is numpy.int64 and scalar == 7
    assert plain_list == [1, 2]


def test_a_returned_array_or_numpy_scalar_keeps_its_dtype_and_shape():
    assert to_json_value({"m": numpy.arange(6, dtype=numpy.uint8).reshape(2, 3), "s": numpy.float32(0.5)}) == {
        "m": array("uint8", [2, 3], [[0, 1, 2], [3, 4, 5]]), "s": array("float32", [], 0.5)}
    assert to_json_value(numpy.array(["a", "b"])) == ["a", "b"]  # not numeric: a plain list, as before


def test_a_generated_array_round_trips_through_strict_json():
    value = numpy.array([[1.5, numpy.nan], [numpy.inf, -2.0]])
    text = json.dumps(typed.encode(value, tag_non_finite=True), allow_nan=False)
    rebuilt = typed.build(json.loads(text))
    assert rebuilt.dtype == value.dtype and numpy.array_equal(rebuilt, value, equal_nan=True)


@pytest.mark.parametrize("spec, fragment", [
    ({"dtype": "complex128", "shape": [1], "data": [1]}, "has dtype 'complex128', not one of bool"),
    ({"dtype": "object", "shape": [1], "data": [1]}, "has dtype 'object'"),
    ({"dtype": "float64", "shape": [2], "data": [1.0]}, "of shape [2]: its data at depth 0 is not all lists of 2"),
    ({"dtype": "float64", "shape": [2, 2], "data": [[1.0, 2.0], [3.0]]}, "at depth 1 is not all lists of 2"),
    ({"dtype": "float64", "shape": [-1], "data": []}, "needs a shape of at most 32 sizes"),
    ({"dtype": "float64", "shape": [1] * 33, "data": []}, "needs a shape of at most 32 sizes"),
    ({"dtype": "bool", "shape": [4096, 4096, 4096], "data": []}, "has more than 16,777,216 elements"),
    ({"dtype": "int8", "shape": [2], "data": [1, 128]}, "int8 holds an integer outside [-128, 127]"),
    ({"dtype": "uint16", "shape": [1], "data": [-1]}, "outside [0, 65535]"),
    ({"dtype": "int64", "shape": [1], "data": [1.5]}, "int64 holds floats, not only integers"),
    ({"dtype": "bool", "shape": [1], "data": [1]}, "bool holds integers, not only booleans"),
    ({"dtype": "float64", "shape": [1], "data": ["1"]}, "float64 holds strings, not only numbers"),
    ({"dtype": "float64", "shape": [1], "data": [{"$float": "nan"}]}, 'other than {"$float"'),
    ({"dtype": "float64", "shape": [1], "data": [1.0], "extra": 1}, "and nothing else"),
], ids=lambda value: value if isinstance(value, str) else None)
def test_the_host_refuses_a_malformed_array_and_says_what_is_wrong(spec, fragment):
    with pytest.raises(TypedValueError, match="^the result at \\[1\\]\\['x'\\]: a typed array ") as error:
        validate([0, {"x": {"$ndarray": spec}}], "the result")
    assert fragment in str(error.value)


def test_untrusted_output_is_validated_even_when_the_tag_is_spelled_with_an_escape():
    body = b'{"returned": {"\\u0024ndarray": {"dtype": "float64", "shape": [3], "data": [1.0]}}}'
    with pytest.raises(UntrustedDataError, match="its data at depth 0 is not all lists of 3 items"):
        parse_json(body, max_bytes=1000, typed=True)
    good = b'{"returned": {"$ndarray": {"dtype": "float64", "shape": [2], "data": [1.0, NaN]}}}'
    assert math.isnan(parse_json(good, max_bytes=1000, typed=True)["returned"]["$ndarray"]["data"][1])


def test_plain_gives_other_checkers_the_data_they_compared_before_typed_values():
    value = {"a": [array("float64", [2], [1.0, {"$float": "Infinity"}]), array("int64", [], 3)], "b": "x"}
    assert plain(value) == {"a": [[1.0, math.inf], 3], "b": "x"}
    rows = [[1.0, 2.0]] * 1000
    assert plain(rows) is rows  # nothing to replace: not copied


def test_reviewers_see_dtype_shape_and_a_cut_array():
    shown = dumps_readable({"w": array("float64", [10, 2], [[float(i), math.nan] for i in range(10)])})
    assert shown == ('{"w": array(float64, shape (10, 2)) [[0.0, NaN], [1.0, NaN], [2.0, NaN], ..., '
                     '[7.0, NaN], [8.0, NaN], [9.0, NaN]]}')
    assert dumps_readable({"$ndarray": {"dtype": "float64"}}) == '{"$ndarray": {"dtype": "float64"}}'


def frame(columns, dtypes, index, data):
    return {"$dataframe": {"columns": columns, "dtypes": dtypes, "index": index, "data": data}}


def series(name, dtype, index, data):
    return {"$series": {"name": name, "dtype": dtype, "index": index, "data": data}}


GOOD_FRAME = {"columns": ["city", "temp", 3], "dtypes": ["object", "float64", "bool"], "index": ["a", 7],
              "data": [["Oslo", {"$float": "NaN"}, True], ["Rome", 18.5, False]]}


@pytest.mark.parametrize("spec, fragment", [
    ({**GOOD_FRAME, "extra": 1}, 'must be {"$dataframe": {"columns": [...], "dtypes": [...], "index": [...], '),
    ({**GOOD_FRAME, "columns": "city"}, "needs its columns as a list of labels"),
    ({**GOOD_FRAME, "columns": ["city", 1.5, None]}, "has labels in its columns that are floats, null, not only"),
    ({**GOOD_FRAME, "index": [True, 1]}, "has labels in its index that are booleans, not only"),
    ({**GOOD_FRAME, "index": [2 ** 63, 1]}, "has an integer label in its index outside [-9223372036854775808, "),
    ({**GOOD_FRAME, "dtypes": ["object", "float64"]}, "needs a list of 3 dtypes, one per column"),
    ({**GOOD_FRAME, "dtypes": ["object", "datetime64[ns]", "bool"]}, "has dtype 'datetime64[ns]', not one of bool,"),
    ({**GOOD_FRAME, "columns": list(range(4097)), "dtypes": ["bool"] * 4097, "index": list(range(4096))},
     "of 4096 rows x 4097 columns has more than 16,777,216 values"),
    ({**GOOD_FRAME, "index": ["a"]}, "with 1 index labels needs its data as a list of 1 rows"),
    ({**GOOD_FRAME, "data": [["Oslo", 3.5, True], ["Rome", 18.5]]}, "of 3 columns: its data is not all rows (lists)"),
    ({**GOOD_FRAME, "data": [["Oslo", 3.5, True], [None, 18.5, False]]},
     "whose column 'city' of dtype object holds null, not only strings"),
    ({**GOOD_FRAME, "data": [["Oslo", "3.5", True], ["Rome", 18.5, False]]},
     "whose column 'temp' of dtype float64 holds strings, not only numbers"),
], ids=lambda value: value if isinstance(value, str) else None)
def test_the_host_refuses_a_malformed_dataframe_and_says_what_is_wrong(spec, fragment):
    validate(frame(**GOOD_FRAME), "the result")
    with pytest.raises(TypedValueError, match="^the result at \\[0\\]: a typed DataFrame ") as error:
        validate([{"$dataframe": spec}], "the result")
    assert fragment in str(error.value)


@pytest.mark.parametrize("spec, fragment", [
    ({"name": "x", "dtype": "int64", "index": [0]}, 'must be {"$series": {"name": ..., "dtype": ..., '),
    ({"name": 1.5, "dtype": "int64", "index": [0], "data": [1]}, "needs a name that is a string, an integer or null"),
    ({"name": None, "dtype": "category", "index": [0], "data": [1]}, "has dtype 'category'"),
    ({"name": None, "dtype": "int8", "index": [0, 1], "data": [1]}, "with 2 index labels needs its data as a list"),
    ({"name": None, "dtype": "int8", "index": [0], "data": [200]}, "of dtype int8 holds an integer outside [-128"),
    ({"name": None, "dtype": "object", "index": [0], "data": [1]}, "of dtype object holds integers, not only strings"),
], ids=lambda value: value if isinstance(value, str) else None)
def test_the_host_refuses_a_malformed_series_and_says_what_is_wrong(spec, fragment):
    with pytest.raises(TypedValueError, match="^the result at \\['s'\\]: a typed Series ") as error:
        validate({"s": {"$series": spec}}, "the result")
    assert fragment in str(error.value)


def test_untrusted_output_checks_dataframes_and_series_too():
    body = b'{"returned": {"$series": {"name": "m", "dtype": "float64", "index": [0, 1], "data": [1.0]}}}'
    with pytest.raises(UntrustedDataError, match="a typed Series with 2 index labels needs its data as a list of 2"):
        parse_json(body, max_bytes=1000, typed=True)
    good = b'{"returned": {"$dataframe": {"columns": ["a"], "dtypes": ["float64"], "index": [0], "data": [[NaN]]}}}'
    assert math.isnan(parse_json(good, max_bytes=1000, typed=True)["returned"]["$dataframe"]["data"][0][0])


def test_plain_gives_a_dataframes_rows_and_a_series_values():
    value = [frame(**GOOD_FRAME), series("m", "float64", ["a"], [{"$float": "Infinity"}])]
    rows, values = plain(value)
    assert rows[1] == ["Rome", 18.5, False] and math.isnan(rows[0][1])
    assert values == [math.inf]


def test_without_pandas_a_typed_dataframe_cannot_be_built_and_the_error_says_why():
    """The host's Python, like the base sandbox image, has no pandas."""
    with pytest.raises(ValueError, match='a \\$dataframe value needs pandas, which only the ml sandbox image has '
                                         '\\(image = "ml" in problem.toml\\)'):
        typed.build({"args": [frame(**GOOD_FRAME)]})


def test_reviewers_see_a_dataframes_size_dtypes_index_and_cut_rows():
    rows = [[i, float(i) / 2] for i in range(8)]
    shown = dumps_readable({"df": frame(["a", "b"], ["int64", "float64"], list(range(8)), rows)})
    assert shown == ('{"df": DataFrame(8 rows x 2 columns: "a" int64, "b" float64) index [0, 1, 2, ..., 5, 6, 7] '
                     'rows [[0, 0.0], [1, 0.5], [2, 1.0], ..., [5, 2.5], [6, 3.0], [7, 3.5]]}')
    assert dumps_readable(series("mean", "float64", ["x", "y"], [1.5, {"$float": "NaN"}])) == (
        'Series("mean", float64, 2 rows) index ["x", "y"] [1.5, NaN]')
    assert dumps_readable(series(None, "bool", [0], [True])) == "Series(bool, 1 row) index [0] [true]"
