"""A test's actual value and a generated case's expected value (computed by the reference): from the judge's
report through the saved details to the reviewer's row, bounded in size, and the text old reports keep."""

import json

import pytest

from server.judge.expected import Expectation
from server.judge.report import CaseReport, JudgeReport, Raised
from server.judge.verdicts import Verdict
from server.models import CandidateFeedback, Submission, SubmissionStatus
from server.problems.bank import load
from server.problems.package import load_package
from server.review.cases import case_rows
from server.services.candidate_view import submission_view
from server.services.judging import MAX_KEPT_JSON, case_details

GENERATED = "perf_random_30k"  # cosine-similarity: generated, no expected in hidden.json
OLD_TEXT = "(the reference solution's result on the generated input)"


def as_saved(report: JudgeReport) -> dict:
    """The report as the judge saves it on the submission: its JSON plus the tests' details for staff."""
    return {**report.as_json(), "details": case_details(report)}


@pytest.fixture(scope="module")
def package():
    return load("cosine-similarity")


def saved(reference, actual=0.5):
    test = CaseReport(name=GENERATED, visibility="hidden", group="performance", weight=1.0,
                      verdict=Verdict.WRONG_ANSWER, message="expected 0.25, got 0.5", actual=actual,
                      reference=reference)
    report = JudgeReport("cosine-similarity", "v", Verdict.WRONG_ANSWER, (test,), policy_checked=True)
    return as_saved(report)


def row_of(report, package):
    [row] = case_rows(report, package)
    return row


def test_a_kept_reference_value_is_the_expected_value_with_a_diff(package):
    report = saved(Expectation(0.25))
    assert "reference" not in report["tests"][0] and "expected" not in report["tests"][0]  # the CLI's JSON
    row = row_of(report, package)
    assert row.expected == "0.25" and row.actual == "0.5"
    assert [(d["kind"], d["text"]) for d in row.diff] == [("removed", "0.25"), ("added", "0.5")]


def test_a_reference_value_too_large_to_keep_is_named_not_stored(package):
    huge = [0.123456789] * (MAX_KEPT_JSON // 10)
    report = saved(Expectation(huge), actual=[0.0])
    assert "expected" not in report["details"][GENERATED]
    row = row_of(report, package)
    assert "too large to keep" in row.expected and f"{len(json.dumps(huge)):,} characters" in row.expected
    assert row.diff == []


def test_reports_saved_before_the_value_was_kept_show_the_old_text(package):
    report = saved(Expectation(0.25))
    del report["details"][GENERATED]["expected"]
    row = row_of(report, package)
    assert row.expected == OLD_TEXT and row.diff == []
    assert "expected" not in saved(None)["details"][GENERATED]  # a stated expectation is never copied


def test_an_actual_value_too_large_to_keep_is_named_not_stored(package):
    huge = list(range(MAX_KEPT_JSON))
    report = saved(Expectation(0.25), actual=huge)
    assert "actual" not in report["details"][GENERATED]
    row = row_of(report, package)
    assert row.actual == f"({len(json.dumps(huge)):,} characters of JSON, too large to keep)" and row.diff == []
    assert row.expected == "0.25"


def test_a_candidate_is_told_when_a_public_actual_was_too_large_to_keep(package):
    example = package.public_cases[0].name
    huge = list(range(MAX_KEPT_JSON))
    test = CaseReport(name=example, visibility="public", group="example", weight=1.0,
                      verdict=Verdict.WRONG_ANSWER, message="wrong", actual=huge)
    report = JudgeReport("cosine-similarity", "v", Verdict.WRONG_ANSWER, (test,), policy_checked=True)
    submission = Submission(attempt_id=1, problem_version_id=1, code="", notes="", code_hash="",
                            status=SubmissionStatus.DONE, report=as_saved(report))
    [row] = submission_view(submission, package, CandidateFeedback.VERDICT)["tests"]
    assert row["actual"] is None and row["actual_omitted_chars"] == len(json.dumps(huge))


def test_a_raised_exception_is_shown_as_raised_not_as_null(package):
    """The expected-exception example: the run raised, so there is no value; reviewers and (for a public test)
    the candidate see what was raised."""
    example = next(case for case in package.public_cases if case.raises)
    test = CaseReport(name=example.name, visibility="public", group="example", weight=1.0, verdict=Verdict.ACCEPTED,
                      raised=Raised("ValueError", "the vectors have different lengths"))
    report = JudgeReport("cosine-similarity", "v", Verdict.ACCEPTED, (test,), policy_checked=True)
    saved_report = as_saved(report)
    assert saved_report["details"][example.name]["raised"] == {"type": "ValueError",
                                                               "message": "the vectors have different lengths"}
    row = row_of(saved_report, package)
    assert row.expected == "raises ValueError" and row.actual == "raised ValueError: the vectors have different lengths"
    submission = Submission(attempt_id=1, problem_version_id=1, code="", notes="", code_hash="",
                            status=SubmissionStatus.DONE, report=saved_report)
    [public] = submission_view(submission, package, CandidateFeedback.VERDICT)["tests"]
    assert public["actual"] is None and public["raised"] == saved_report["details"][example.name]["raised"]


def test_a_class_case_shows_its_returns_before_the_exception():
    moving = load("moving-average")
    case = moving.public_cases[0]
    details = {case.name: {"actual": [1.0, 5.5], "raised": {"type": "KeyError", "message": "'x'"}}}
    report = {"tests": [{"name": case.name, "visibility": "public", "group": "example", "verdict": "runtime_error",
                         "message": "KeyError: 'x'"}], "details": details}
    [row] = case_rows(report, moving)
    assert row.actual == "[1.0, 5.5], then raised KeyError: 'x'"
    details[case.name]["actual"] = []  # raised in the constructor: no call returned
    assert case_rows(report, moving)[0].actual == "raised KeyError: 'x'"


def test_reviewers_see_arrays_with_their_dtype_and_shape_and_long_axes_cut(fixture_problems):
    scale_rows = load_package(fixture_problems / "scale-rows")
    flat = {"$ndarray": {"dtype": "float64", "shape": [6], "data": [2.0, 4.0, 6.0, 2.0, 2.5, 3.0]}}
    longer = {"$ndarray": {"dtype": "float64", "shape": [7], "data": [1.0] * 7}}
    test = CaseReport(name="example", visibility="public", group="example", weight=1.0,
                      verdict=Verdict.WRONG_ANSWER, message="shapes differ", actual=[flat, longer])
    report = JudgeReport("scale-rows", "v", Verdict.WRONG_ANSWER, (test,), policy_checked=True)
    row = row_of(as_saved(report), scale_rows)
    assert row.input == ('{"args": [array(float64, shape (2, 3)) [[1, 2, 3], [4, 5, 6]], '
                         'array(float64, shape (2,)) [2, 0.5]]}')
    assert row.expected == "array(float64, shape (2, 3)) [[2, 4, 6], [2, 2.5, 3]]"
    assert row.actual == ("[array(float64, shape (6,)) [2.0, 4.0, 6.0, 2.0, 2.5, 3.0], "
                          "array(float64, shape (7,)) [1.0, 1.0, 1.0, ..., 1.0, 1.0, 1.0]]")


def test_candidates_read_arrays_in_their_results_with_dtype_and_shape(fixture_problems):
    """A public test's input, expected and actual arrays reach the candidate as readable text, as reviewers
    see them, not as the raw ``$ndarray`` objects of the wire format."""
    scale_rows = load_package(fixture_problems / "scale-rows")
    returned = {"$ndarray": {"dtype": "float32", "shape": [2, 3], "data": [[2, 4, 6], [2, 2.5, 3]]}}
    test = CaseReport(name="example", visibility="public", group="example", weight=1.0,
                      verdict=Verdict.WRONG_ANSWER, message="dtype float32, expected float64", actual=returned)
    report = JudgeReport("scale-rows", "v", Verdict.WRONG_ANSWER, (test,), policy_checked=True)
    submission = Submission(attempt_id=1, problem_version_id=1, code="", notes="", code_hash="",
                            status=SubmissionStatus.DONE, report=as_saved(report))
    [row] = submission_view(submission, scale_rows, CandidateFeedback.VERDICT)["tests"]
    assert row["text"] == {
        "input": "scale_rows(array(float64, shape (2, 3)) [[1, 2, 3], [4, 5, 6]], array(float64, shape (2,)) [2, 0.5])",
        "expected": "array(float64, shape (2, 3)) [[2, 4, 6], [2, 2.5, 3]]",
        "actual": "array(float32, shape (2, 3)) [[2, 4, 6], [2, 2.5, 3]]"}


def test_reviewers_read_dataframes_and_series_with_their_size_dtypes_and_index(fixture_problems):
    group_stats = load_package(fixture_problems / "group-stats")
    returned = {"$series": {"name": "mean", "dtype": "float64", "index": ["a", "b"], "data": [2.5, 2.5]}}
    test = CaseReport(name="example", visibility="public", group="example", weight=1.0,
                      verdict=Verdict.WRONG_ANSWER, message="expected DataFrame", actual=returned)
    report = JudgeReport("group-stats", "v", Verdict.WRONG_ANSWER, (test,), policy_checked=True)
    row = row_of(as_saved(report), group_stats)
    assert row.input == ('{"args": [DataFrame(4 rows x 2 columns: "group" object, "value" float64) index [0, 1, 2, 3] '
                         'rows [["b", 1.0], ["a", 2.0], ["b", 4.0], ["a", 3.0]]]}')
    assert row.expected == ('DataFrame(2 rows x 2 columns: "mean" float64, "count" int64) index ["a", "b"] '
                            'rows [[2.5, 2], [2.5, 2]]')
    assert row.actual == 'Series("mean", float64, 2 rows) index ["a", "b"] [2.5, 2.5]'
