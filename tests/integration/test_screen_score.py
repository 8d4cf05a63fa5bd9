"""The issue's bar for the score, on the moving-average problem: an O(1)-per-call solution
with good notes scores clearly above an O(window)-per-call one whose notes claim O(1),
which scores above a wrong one. Complexity is measured whatever the verdict, when the code
runs on the generator's inputs; its credit is weighted by correctness."""

import pytest

from server.problems.bank import load
from server.scoring.assess import evaluate

GOOD_NOTES = """## Approach
Keep a deque with the last `window` values and a running sum. Each call appends the new
value and adds it to the sum; once the deque holds more than `window` values the oldest is
popped from the left and subtracted. The mean divides by the number of values held.

## Complexity
Time: O(1) per call, O(n) for n calls. Space: O(window).

## Edge cases
- window < 1 raises ValueError in the constructor.
- Fewer values than the window: divide by the count seen so far, not by the window.
- Negative values and integers behave the same.

## Trade-offs
A running sum can drift over very long streams; recomputing it every `window` calls would
bound the error at little cost.
"""
OVERCLAIMING_NOTES = """## Approach
Store the values and return the average of the last window each time.

## Complexity
O(1) per call.
"""


@pytest.fixture(scope="module")
def reports(docker_client):
    package = load("moving-average")
    submissions = {s.name: s.path.read_text() for s in package.submissions}
    return {
        "good": evaluate(package, package.solution, GOOD_NOTES, client=docker_client),
        "slow": evaluate(package, submissions["slow/sum_deque_each_call.py"], OVERCLAIMING_NOTES,
                         policy=False, client=docker_client),
        "wrong": evaluate(package, submissions["wrong_answer/window_off_by_one.py"], GOOD_NOTES,
                          policy=False, client=docker_client),
        "no_validation": evaluate(package, submissions["wrong_answer/no_validation.py"], GOOD_NOTES,
                                  policy=False, client=docker_client),
        "starter": evaluate(package, package.starter, GOOD_NOTES, client=docker_client),
    }


def test_scores_order_as_a_hiring_team_would(reports):
    good, slow, wrong = (reports[k].assessment.score.total for k in ("good", "slow", "wrong"))
    assert good >= slow + 20
    assert slow > wrong


def test_the_good_solution_is_measured_and_credited(reports):
    assessment = reports["good"].assessment
    assert assessment.complexity.verdict == "meets"
    assert assessment.narration.claim == "honest"
    assert assessment.score.band == "strong hire"


def test_the_overclaim_is_caught_and_explained(reports):
    assessment = reports["slow"].assessment
    assert reports["slow"].verdict.label == "time_limit_exceeded"
    assert assessment.complexity.verdict == "slower" and assessment.complexity.measured == "O(n^2)"
    assert assessment.narration.claim == "overclaim"
    reasons = {r.component: r.text for r in assessment.score.reasons}
    assert "overclaim" in reasons["communication"]
    assert "2 classes slower" in reasons["efficiency"]
    assert assessment.score.components["correctness"].score == 100


def test_the_wrong_solution_is_measured_and_its_credit_weighted_by_correctness(reports):
    assessment = reports["wrong"].assessment
    assert reports["wrong"].verdict.label == "wrong_answer"
    assert (assessment.complexity.measured, assessment.complexity.verdict) == ("O(n)", "meets")
    assert assessment.complexity.correctness_failed == 18 and assessment.complexity.correctness_total == 30
    assert "times 40% correctness" in {r.component: r.text for r in assessment.score.reasons}["efficiency"]


def test_an_o1_solution_lacking_only_the_window_check_gets_its_efficiency(reports):
    """It fails the four window < 1 tests, nothing else: its speed is measured and credited."""
    report = reports["no_validation"]
    assert report.verdict.label == "wrong_answer"
    complexity = report.assessment.complexity
    assert (complexity.measured, complexity.verdict) == ("O(n)", "meets")  # n calls of O(1) each
    assert complexity.correctness_failed == 4
    efficiency = report.assessment.score.components["efficiency"]
    assert efficiency.points > 8.0 + 8.0  # was 8/20: the performance tests' 40 % only
    assert report.as_json()["complexity"]["correctness_failed"] == 4


def test_code_that_does_not_run_on_the_generators_inputs_is_not_measured_and_says_why(reports):
    complexity = reports["starter"].assessment.complexity
    assert complexity.verdict == "not_measured" and complexity.measured is None
    assert "does not run on the generator's inputs" in complexity.reason and "NotImplementedError" in complexity.reason
    efficiency = {r.component: r.text for r in reports["starter"].assessment.score.reasons}["efficiency"]
    assert "complexity not measured: the code does not run" in efficiency
    assert reports["starter"].assessment.score.components["efficiency"].score == 0


def test_the_json_carries_complexity_and_score(reports):
    document = reports["good"].as_json()
    assert set(document["complexity"]) >= {"measured", "target", "verdict", "confidence", "points"}
    assert set(document["score"]) >= {"total", "band", "components", "reasons"}
    assert set(document["score"]["components"]) == {"correctness", "efficiency", "communication", "code_quality"}
