"""The score formula on hand-built inputs: every component, the weights, the band, the reasons."""

import pytest

from server.complexity.report import ComplexityReport
from server.judge.report import CaseReport, JudgeReport
from server.judge.verdicts import Verdict
from server.problems.schema import ScoringWeights
from server.scoring.narration import analyse_notes
from server.scoring.quality import analyse_code
from server.scoring.score import band_for, score

CLEAN_CODE = 'def solve(values):\n    """Sum the values."""\n    return sum(values)\n'


def case(name, group, verdict, weight=1.0):
    return CaseReport(name=name, visibility="public" if group == "example" else "hidden", group=group,
                      weight=weight, verdict=verdict)


def judged(*tests):
    return JudgeReport("p", "v", Verdict.worst(t.verdict for t in tests), tuple(tests), policy_checked=True)


def complexity(measured, verdict="meets", target="O(n)"):
    return ComplexityReport(measured, target, verdict, 1.0, "because", (), {}, 1.0)


@pytest.fixture(scope="module")
def quality():
    return analyse_code(CLEAN_CODE, "solve")


@pytest.fixture(scope="module")
def no_notes():
    return analyse_notes("", (), target="O(n)", measured=None)


def test_a_perfect_submission_without_notes_loses_exactly_communication(quality, no_notes):
    report = judged(case("e", "example", Verdict.ACCEPTED), case("c", "correctness", Verdict.ACCEPTED),
                    case("p", "performance", Verdict.ACCEPTED))
    result = score(report, complexity("O(n)"), no_notes, quality, ScoringWeights())
    assert result.total == pytest.approx(80.0)
    assert result.components["communication"].points == 0
    assert result.band == "hire"


def test_correctness_is_the_weighted_share_of_hidden_correctness_tests(quality, no_notes):
    report = judged(case("c1", "correctness", Verdict.ACCEPTED, 3), case("c2", "correctness", Verdict.WRONG_ANSWER, 1),
                    case("e", "example", Verdict.WRONG_ANSWER))
    result = score(report, None, no_notes, quality, ScoringWeights())
    assert result.components["correctness"].score == pytest.approx(75.0)
    assert "failed: c2" in result.reasons[0].text


@pytest.mark.parametrize("measured, verdict, credit", [
    ("O(n)", "meets", 100), ("O(log n)", "meets", 100), ("O(n log n)", "slower", 50), ("O(n^2)", "slower", 20),
    ("O(n^3)", "slower", 0), (None, "inconclusive", 50),
])
def test_efficiency_credits_the_measured_class_and_the_performance_tests(quality, no_notes, measured, verdict,
                                                                          credit):
    report = judged(case("c", "correctness", Verdict.ACCEPTED), case("p1", "performance", Verdict.ACCEPTED),
                    case("p2", "performance", Verdict.TIME_LIMIT_EXCEEDED))
    result = score(report, complexity(measured, verdict), no_notes, quality, ScoringWeights())
    assert result.components["efficiency"].score == pytest.approx(0.6 * credit + 0.4 * 50)


def test_the_complexity_credit_is_weighted_by_correctness_never_zeroed_by_a_failed_test(quality, no_notes):
    report = judged(case("c1", "correctness", Verdict.ACCEPTED, 3), case("c2", "correctness", Verdict.WRONG_ANSWER, 1),
                    case("p", "performance", Verdict.ACCEPTED))
    result = score(report, complexity("O(n)"), no_notes, quality, ScoringWeights())
    assert result.components["efficiency"].score == pytest.approx(0.6 * 100 * 0.75 + 0.4 * 100)
    assert "times 75% correctness: 75/100" in result.reasons[1].text


def test_code_not_measured_on_the_generators_inputs_gets_no_complexity_credit_and_says_why(quality, no_notes):
    report = judged(case("c", "correctness", Verdict.RUNTIME_ERROR), case("p", "performance", Verdict.RUNTIME_ERROR))
    not_run = ComplexityReport(None, "O(n)", "not_measured", 0.0, "the code does not run on the generator's inputs: "
                               "on the input of size n=16 it raised NotImplementedError", (), {}, 1.0)
    result = score(report, not_run, no_notes, quality, ScoringWeights())
    assert result.components["efficiency"].score == 0
    assert "complexity not measured: the code does not run" in result.reasons[1].text


def test_weights_are_the_problems(quality, no_notes):
    report = judged(case("c", "correctness", Verdict.ACCEPTED))
    only_correctness = ScoringWeights(correctness=1, efficiency=0, communication=0, code_quality=0)
    assert score(report, None, no_notes, quality, only_correctness).total == pytest.approx(100.0)


def test_a_policy_violation_scores_no_correctness_or_efficiency(quality, no_notes):
    refused = JudgeReport("p", "v", Verdict.POLICY_VIOLATION, (), policy_checked=True)
    result = score(refused, None, no_notes, quality, ScoringWeights())
    assert result.components["correctness"].score == 0 and result.components["efficiency"].score == 0
    assert "policy" in result.reasons[0].text


def test_every_component_has_a_reason_and_points_add_up(quality, no_notes):
    result = score(judged(case("c", "correctness", Verdict.ACCEPTED)), complexity("O(n)"), no_notes, quality,
                   ScoringWeights())
    assert [r.component for r in result.reasons] == ["correctness", "efficiency", "communication", "code_quality"]
    assert sum(r.points for r in result.reasons) == pytest.approx(result.total)


@pytest.mark.parametrize("total, band", [(100, "strong hire"), (85, "strong hire"), (84.9, "hire"), (70, "hire"),
                                         (69.9, "lean no"), (50, "lean no"), (49.9, "no"), (0, "no")])
def test_bands(total, band):
    assert band_for(total) == band
