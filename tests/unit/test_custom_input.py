"""A candidate's own input is read as strictly as a test case, in the format of the problem's kind."""

import pytest

from server.problems.bank import load
from server.services.custom_input import CustomInputError, custom_case, input_form


def test_a_function_takes_its_arguments_separated_by_commas():
    case = custom_case('[1.0, 2.0], [3.0, 4.0]', load("cosine-similarity"))
    assert case.args == [[1.0, 2.0], [3.0, 4.0]] and not case.has_expected and case.visibility == "public"


def test_a_class_takes_its_constructor_arguments_and_calls():
    cache = load("lru-embedding-cache")
    case = custom_case('{"init": [2], "calls": [["put", ["a", [1.0]]], ["get", ["a"]]]}', cache)
    assert case.init == [2] and case.calls == [("put", ["a", [1.0]]), ("get", ["a"])]
    with pytest.raises(CustomInputError, match='write a JSON object, e.g. {"init"'):
        custom_case("[2]", cache)
    with pytest.raises(CustomInputError, match="calls"):
        custom_case('{"init": [2], "calls": [["not a method", []]]}', cache)


def test_the_form_starts_from_the_first_examples_input():
    assert input_form(load("cosine-similarity")) == {
        "format": "the arguments as JSON values separated by commas, e.g. [1.0, 2.0], 3",
        "example": "[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]"}
    assert input_form(load("lru-embedding-cache"))["example"].startswith('{"init": [2], "calls": [["put", ')


def test_input_too_long_or_with_a_malformed_typed_value_is_refused():
    cosine = load("cosine-similarity")
    with pytest.raises(CustomInputError, match="longer than 64 KiB"):
        custom_case("[" + "1, " * 30_000 + "1]", cosine)
    with pytest.raises(CustomInputError, match="shape"):
        custom_case('{"$ndarray": {"dtype": "float64", "shape": [3], "data": [1.0]}}', cosine)
