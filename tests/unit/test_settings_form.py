"""The authoring settings form offers every checker, so saving it keeps a problem's checker."""

from server.services.settings_form import apply_settings, read_settings
from tests.conftest import FIXTURE_PROBLEMS


def test_the_array_checker_is_read_and_kept_by_the_settings_form():
    text = (FIXTURE_PROBLEMS / "scale-rows" / "problem.toml").read_text()
    values = read_settings(text)
    assert values["checker.type"] == "array" and values["checker.rel_tol"] == "1e-09"
    assert apply_settings(text, values) == text.replace("1e-9", "1e-09")  # numbers are written as TOML writes them


def test_the_array_checkers_dtype_rule_is_offered_and_empty_means_the_default():
    text = (FIXTURE_PROBLEMS / "scale-rows" / "problem.toml").read_text()
    assert read_settings(text)["checker.dtype"] == ""
    exact = apply_settings(text, {"checker.dtype": "exact"})
    assert read_settings(exact)["checker.dtype"] == "exact" and 'dtype = "exact"' in exact
    assert "dtype" not in apply_settings(exact, {"checker.dtype": ""})  # the default (kind) again


def exact_problem() -> str:
    return (FIXTURE_PROBLEMS / "scale-rows" / "problem.toml").read_text().replace(
        'type = "array"', 'type = "exact"').replace("rel_tol = 1e-9\n", "").replace("abs_tol = 1e-12\n", "")


def test_the_form_edits_the_entry_point():
    text = (FIXTURE_PROBLEMS / "scale-rows" / "problem.toml").read_text()
    edited = apply_settings(text, {**read_settings(text), "entry_point": "scale_each_row"})
    assert read_settings(edited)["entry_point"] == "scale_each_row" and 'entry_point = "scale_each_row"' in edited


def test_empty_tolerances_with_the_float_checker_take_the_default_instead_of_an_error():
    text = exact_problem()
    values = {**read_settings(text), "checker.type": "float"}
    assert values["checker.rel_tol"] == values["checker.abs_tol"] == ""
    chosen = read_settings(apply_settings(text, values))
    assert (chosen["checker.type"], chosen["checker.rel_tol"], chosen["checker.abs_tol"]) == ("float", "1e-09", "1e-09")
    exact = read_settings(apply_settings(text, read_settings(text)))  # other checkers: empty stays empty (0)
    assert exact["checker.rel_tol"] == exact["checker.abs_tol"] == ""
