"""The in-container conversion of return values (standard library only, so it runs here too)."""

import json
import math

import pytest

from sandbox.tsbox.tojson import InvalidValue, to_json_value


def test_builtins_pass_and_tuples_become_lists():
    assert json.dumps(to_json_value({"a": (1, 2.5, None, True, "x")})) == '{"a": [1, 2.5, null, true, "x"]}'
    assert math.isnan(to_json_value(math.nan))


@pytest.mark.parametrize("value, fragment", [
    (type("F", (float,), {})(1.0), "a value of type"),
    (type("I", (int,), {})(1), "a value of type"),
    (b"bytes", "a value of type bytes"),
    ({1: "a"}, "dict key of type int"),
    (10 ** 5000, "integer with more than"),
    ("\udcff", "not valid Unicode"),
    (1 + 2j, "a value of type complex"),
    ({1, 2}, "a value of type set"),
], ids=["float-subclass", "int-subclass", "bytes", "int-key", "huge-int", "surrogate", "complex", "set"])
def test_anything_else_is_an_invalid_return_type(value, fragment):
    with pytest.raises(InvalidValue, match=fragment):
        to_json_value(value)


def test_cycles_and_deep_nesting_are_refused():
    loop = []
    loop.append(loop)
    with pytest.raises(InvalidValue, match="contains itself"):
        to_json_value(loop)
    deep = []
    for _ in range(100):
        deep = [deep]
    with pytest.raises(InvalidValue, match="nested more than"):
        to_json_value(deep)


def test_shared_but_acyclic_references_are_fine():
    shared = [1]
    assert to_json_value([shared, shared]) == [[1], [1]]


def test_tables_of_plain_values_convert_whole():
    rows = [(1, "a", 2.5, None, True)] * 3 + [[2, "b", -1.0, None, False]]
    assert to_json_value(rows) is rows  # checked whole and written as it is: no copy of every row
    assert to_json_value(rows, snapshot=True) == [[1, "a", 2.5, None, True]] * 3 + [[2, "b", -1.0, None, False]]
    assert to_json_value([[], []]) == [[], []]


def test_a_snapshot_keeps_the_value_as_returned_when_the_code_changes_it_later():
    """A class's method may return its own list; later calls change it, and the earlier return must not."""
    history = [[1, 2.5]]
    returned = [to_json_value(history, snapshot=True), to_json_value(history[0], snapshot=True)]
    history[0].append(3)
    history.append([4])
    assert returned == [[[1, 2.5]], [1, 2.5]]


@pytest.mark.parametrize("bad, fragment", [
    (type("F", (float,), {})(1.0), "a value of type"),
    ("\udcff", "not valid Unicode"),
    (10 ** 5000, "integer with more than"),
    ({1, 2}, "a value of type set"),
], ids=["float-subclass", "surrogate", "huge-int", "set"])
def test_a_bad_value_in_a_table_is_still_refused(bad, fragment):
    rows = [[1, "a", 2.0]] * 50 + [[1, bad, 2.0]]
    with pytest.raises(InvalidValue, match=fragment):
        to_json_value(rows)
    with pytest.raises(InvalidValue, match=fragment):
        to_json_value(["a", bad])


def test_a_table_that_contains_itself_is_refused():
    rows = [[1, 2]]
    rows.append(rows)
    with pytest.raises(InvalidValue, match="contains itself"):
        to_json_value(rows)


def test_numpy_string_keys_are_the_strings_they_hold():
    """``np.unique`` of labels gives ``np.str_``, a str subclass of numpy's: refused as keys before ("keys must be
    str"), so a dict keyed by them failed every test. A subclass of the candidate's own stays refused."""
    import numpy as np

    converted = to_json_value({np.str_("cat"): 1})
    assert converted == {"cat": 1} and type(next(iter(converted))) is str

    class Sneaky(np.str_):
        pass

    with pytest.raises(InvalidValue, match="a dict key of type Sneaky"):
        to_json_value({Sneaky("cat"): 1})
