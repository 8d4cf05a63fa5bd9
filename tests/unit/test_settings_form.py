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
