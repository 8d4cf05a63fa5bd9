"""From a run's outcome to a test verdict (pure host-side logic)."""

import pytest

from sandbox import RunOutcome
from server.judge.expected import Expectation
from server.judge.grading import grade
from server.judge.report import Raised
from server.judge.verdicts import Verdict
from server.problems.schema import Case, CheckerSpec

EXACT = CheckerSpec(type="exact")
FLOAT = CheckerSpec(type="float", abs_tol=1e-6)
CASE = Case(name="c", args=[1], expected=2)


def completed(result):
    return RunOutcome("completed", result=result, cpu_ms=1.0)


@pytest.mark.parametrize("status, verdict", [
    ("timeout", Verdict.TIME_LIMIT_EXCEEDED), ("memory", Verdict.MEMORY_LIMIT_EXCEEDED),
    ("output_limit", Verdict.OUTPUT_LIMIT_EXCEEDED), ("crashed", Verdict.RUNTIME_ERROR),
    ("malformed", Verdict.RUNTIME_ERROR), ("missing", Verdict.SYSTEM_ERROR),
    ("sandbox_error", Verdict.SYSTEM_ERROR), ("setup_failed", Verdict.SYSTEM_ERROR),
])
def test_run_statuses_map_to_verdicts(status, verdict):
    assert grade(CASE, Expectation(2), RunOutcome(status, "why"), "function", EXACT).verdict is verdict


def test_returned_values_are_checked():
    assert grade(CASE, Expectation(2), completed({"returned": 2}), "function", EXACT).verdict is Verdict.ACCEPTED
    wrong = grade(CASE, Expectation(2), completed({"returned": 3}), "function", EXACT)
    assert wrong.verdict is Verdict.WRONG_ANSWER and wrong.message == "expected 2, got 3"


def test_exceptions_invalid_values_and_memory_errors():
    raised = {"raised": {"type": "KeyError", "builtin_types": ["KeyError", "LookupError"], "message": "'x'"}}
    runtime = grade(CASE, Expectation(2), completed(raised), "function", EXACT)
    assert runtime.verdict is Verdict.RUNTIME_ERROR and runtime.message == "KeyError: 'x'"
    memory = {"raised": {"type": "MemoryError", "builtin_types": ["MemoryError"]}}
    assert grade(CASE, Expectation(2), completed(memory), "function", EXACT).verdict is Verdict.MEMORY_LIMIT_EXCEEDED
    invalid = grade(CASE, Expectation(2), completed({"invalid": "invalid return type: a set"}), "function", EXACT)
    assert invalid.verdict is Verdict.WRONG_ANSWER and "a set" in invalid.message


def test_expected_exceptions():
    value_error = {"raised": {"type": "ValueError", "builtin_types": ["ValueError"], "message": "bad"}}
    assert grade(CASE, Expectation(None, "ValueError"), completed(value_error), "function", EXACT).verdict \
        is Verdict.ACCEPTED
    returned = grade(CASE, Expectation(None, "ValueError"), completed({"returned": 1}), "function", EXACT)
    assert returned.verdict is Verdict.WRONG_ANSWER and "expected ValueError to be raised" in returned.message


def test_what_was_raised_is_kept_whether_the_test_expected_it_or_not():
    value_error = {"raised": {"type": "ValueError", "builtin_types": ["ValueError", "Exception"],
                              "message": "window must be positive", "traceback": "..."}}
    expected = grade(CASE, Expectation(None, "ValueError"), completed(value_error), "function", EXACT)
    unexpected = grade(CASE, Expectation(2), completed(value_error), "function", EXACT)
    wrong_type = grade(CASE, Expectation(None, "KeyError"), completed(value_error), "function", EXACT)
    for graded in (expected, unexpected, wrong_type):
        assert graded.actual is None and graded.raised == Raised("ValueError", "window must be positive")
    assert expected.verdict is Verdict.ACCEPTED and unexpected.verdict is Verdict.RUNTIME_ERROR
    assert unexpected.message == graded.raised.summary == "ValueError: window must be positive"
    assert grade(CASE, Expectation(2), completed({"returned": 2}), "function", EXACT).raised is None
    untrusted = {"raised": {"type": "E" * 1000, "message": ["not", "text"]}}
    shown = grade(CASE, Expectation(2), completed(untrusted), "function", EXACT).raised
    assert len(shown.type) == 100 and shown.message == "['not', 'text']"


def test_class_calls_are_checked_one_by_one_with_the_call_named():
    case = Case(name="c", init=[2], calls=[("next", [1.0]), ("next", [3.0])], expected=[1.0, 2.0])
    ok = grade(case, Expectation([1.0, 2.0]), completed({"returned": [1.0, 2.0000001]}), "class", FLOAT)
    assert ok.verdict is Verdict.ACCEPTED
    wrong = grade(case, Expectation([1.0, 2.0]), completed({"returned": [1.0, 1.5]}), "class", FLOAT)
    assert wrong.verdict is Verdict.WRONG_ANSWER and wrong.message.startswith("call 2, next(3.0): expected 2.0")


def test_an_identical_answer_passes_whole_and_a_type_difference_is_still_found():
    case = Case(name="c", init=[2], calls=[("next", [1.0])] * 3000, expected=None)
    values = [float(i) for i in range(3000)]
    assert grade(case, Expectation(values), completed({"returned": list(values)}), "class", EXACT).verdict \
        is Verdict.ACCEPTED
    wrong = grade(case, Expectation(values), completed({"returned": values[:-1] + [2999]}), "class", EXACT)
    assert wrong.verdict is Verdict.WRONG_ANSWER and wrong.message.startswith("call 3000, next(1.0): expected float")


def test_class_exception_after_some_calls():
    case = Case(name="c", init=[1], calls=[("next", [1.0]), ("boom", [])], expected=[1.0], raises="ValueError")
    outcome = completed({"returned": [1.0], "raised": {"type": "ValueError", "builtin_types": ["ValueError"]}})
    assert grade(case, Expectation([1.0], "ValueError"), outcome, "class", FLOAT).verdict is Verdict.ACCEPTED


def test_stdio_output_ignores_trailing_whitespace():
    case = Case(name="c", stdin="1 2\n", expected="3\n")
    outcome = completed({"returned": "3  \n\n"})
    assert grade(case, Expectation("3\n"), outcome, "stdio", EXACT).verdict is Verdict.ACCEPTED


def test_a_refusal_by_the_run_time_guard_is_a_policy_violation_whatever_else_came_back():
    refused = {"refused": "policy: opening files is not allowed: open('/etc/passwd') at line 3", "returned": 2}
    graded = grade(CASE, Expectation(2), completed(refused), "function", EXACT)
    assert graded.verdict is Verdict.POLICY_VIOLATION and graded.message == refused["refused"]


def test_identical_needs_the_same_type_everywhere_not_only_equality():
    from server.judge.checkers.base import identical
    assert identical([[1.5, 2], {"a": [True, None]}], [[1.5, 2], {"a": [True, None]}])
    assert not identical([[1.5, 2], {"a": [True]}], [[1.5, 2.0], {"a": [True]}])
    assert not identical([{"a": [1]}], [{"a": [True]}])
    assert not identical([1.0] * 5000 + [[2]], [1.0] * 5000 + [[2.0]])
    assert identical({"b": 1, "a": 0.0}, {"a": -0.0, "b": 1})  # every checker accepts these


def test_a_malformed_list_of_raised_types_is_not_trusted():
    """A result whose ``builtin_types`` is not a list crashed grading (``"MemoryError" in 5``)."""
    result = {"raised": {"type": "MemoryError", "builtin_types": 5, "message": ""}}
    assert grade(CASE, Expectation(2), completed(result), "function", EXACT).verdict is Verdict.RUNTIME_ERROR


def test_a_generated_class_test_names_the_call_by_its_number_alone():
    """Its calls are in its generated input, which the host does not keep: it said "call 2, call(): ...", a
    method that does not exist."""
    case = Case(name="g", generate={"n": 2, "seed": 1})
    wrong = grade(case, Expectation([1.0, 2.0]), completed({"returned": [1.0, 1.5]}), "class", FLOAT)
    assert wrong.message == "call 2: expected 2.0, got 1.5", wrong.message
