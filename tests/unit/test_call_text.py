"""A public test's input reads as the call it makes, for each kind of problem."""

from server.services.candidate_view import call_text


def test_a_function_case_reads_as_a_call_with_its_keyword_arguments():
    shown = {"args": [[1.0, 2.0], 3], "kwargs": {"window": 2}}
    assert call_text(shown, "function", "moving_average") == "moving_average([1.0, 2.0], 3, window=2)"


def test_a_class_case_reads_as_the_constructor_then_one_call_a_line():
    shown = {"init": [2], "calls": [["put", ["a", [1.0, 0.0]]], ["get", ["a"]]]}
    assert call_text(shown, "class", "EmbeddingCache") == (
        'obj = EmbeddingCache(2)\nobj.put("a", [1.0, 0.0])\nobj.get("a")')


def test_typed_arrays_keep_their_dtype_and_shape_in_the_call():
    shown = {"args": [{"$ndarray": {"dtype": "float64", "shape": [2], "data": [0.5, 1.5]}}]}
    assert call_text(shown, "function", "f") == "f(array(float64, shape (2,)) [0.5, 1.5])"


def test_an_stdio_case_reads_as_its_input_text():
    assert call_text({"stdin": "3\n1 2 3\n"}, "stdio", "main") == "3\n1 2 3\n"
