"""The technical-screen score: four components, one total, a band, and a reason for every point.

Pure functions over what judging found; see docs/scoring.md for the formula
and worked examples.

* correctness: the weighted share of hidden ``correctness`` tests passed.
* efficiency: the measured complexity against the target (``COMPLEXITY_CREDIT``,
  times the correctness share: a wrong solution's speed is worth that much
  less) and the weighted share of ``performance`` tests passed, 60/40.
* communication: the narration score (notes against the rubric, claims
  checked against the measurement).
* code_quality: the code-quality score.

``total = sum(weight_c * score_c) / sum(weight_c)``; the band follows
``BANDS``. A submission that never ran (policy violation) scores 0 for
correctness and efficiency.
"""

import dataclasses

from server.complexity.classes import rank
from server.complexity.report import ComplexityReport
from server.judge.report import JudgeReport
from server.judge.verdicts import Verdict
from server.problems.schema import ScoringWeights
from server.scoring.narration import NarrationReport
from server.scoring.quality import QualityReport

BANDS = ((85.0, "strong hire"), (70.0, "hire"), (50.0, "lean no"), (0.0, "no"))
COMPLEXITY_SHARE, PERFORMANCE_SHARE = 0.6, 0.4
# Complexity credit by how many classes slower than the target the measurement is.
COMPLEXITY_CREDIT = {0: 100.0, 1: 50.0, 2: 20.0}
INCONCLUSIVE_CREDIT = 50.0
COMPONENTS = ("correctness", "efficiency", "communication", "code_quality")
DEFAULT_FLUENCY_WEIGHT = 20  # percent of a screen's total that its question items carry, unless the screen says


@dataclasses.dataclass(frozen=True)
class Reason:
    """One line of the explanation: which component, how many points of the total, why."""

    component: str
    points: float
    text: str

    def as_json(self) -> dict:
        return {"component": self.component, "points": round(self.points, 1), "text": self.text}


@dataclasses.dataclass(frozen=True)
class Component:
    """A component's score (0-100), its weight, and what it adds to the total."""

    score: float
    weight: float
    points: float

    def as_json(self) -> dict:
        return {"score": round(self.score, 1), "weight": self.weight, "points": round(self.points, 1)}


@dataclasses.dataclass(frozen=True)
class ScoreReport:
    total: float
    band: str
    components: dict[str, Component]
    reasons: tuple[Reason, ...]

    def as_json(self) -> dict:
        return {"total": round(self.total, 1), "band": self.band,
                "components": {name: c.as_json() for name, c in self.components.items()},
                "reasons": [reason.as_json() for reason in self.reasons]}


def band_for(total: float) -> str:
    return next(label for threshold, label in BANDS if total >= threshold)


def screen_total(coding: float | None, fluency: float | None, fluency_weight: float) -> float | None:
    """A screen's total from its coding part (the mean of its problems' scores) and its fluency component
    (question items), ``fluency_weight`` percent to fluency. A screen without question items (``fluency``
    None) is its coding part alone, one without coding problems its fluency alone."""
    if coding is None or fluency is None:
        return fluency if coding is None else coding
    share = min(100.0, max(0.0, fluency_weight)) / 100
    return (1 - share) * coding + share * fluency


def score(judged: JudgeReport, complexity: ComplexityReport | None, narration: NarrationReport,
          quality: QualityReport, weights: ScoringWeights) -> ScoreReport:
    """Combine the components with ``weights`` into the total, band and reasons."""
    correctness = _correctness(judged)
    parts = {
        "correctness": correctness,
        "efficiency": _efficiency(judged, complexity, correctness[0] / 100),
        "communication": (narration.score, [f"notes scored {narration.score:.0f}/100"
                                            + (f" ({_claim_text(narration)})" if narration.claim else "")]),
        "code_quality": (quality.score, [f"code quality {quality.score:.0f}/100"
                                         + (f" ({'; '.join(quality.reasons[:3])})" if quality.reasons else "")]),
    }
    weight_of = {name: float(getattr(weights, name)) for name in COMPONENTS}
    total_weight = sum(weight_of.values())
    components, reasons = {}, []
    for name in COMPONENTS:
        value, texts = parts[name]
        points = weight_of[name] * value / total_weight
        components[name] = Component(value, weight_of[name], points)
        most = 100 * weight_of[name] / total_weight
        reasons.append(Reason(name, points, f"{points:.1f} of {most:.1f}: " + "; ".join(texts)))
    total = sum(c.points for c in components.values())
    return ScoreReport(total, band_for(total), components, tuple(reasons))


def _weighted_share(tests) -> tuple[float, float]:
    total = sum(t.weight for t in tests)
    passed = sum(t.weight for t in tests if t.verdict is Verdict.ACCEPTED)
    return passed, total


def hidden_correctness(judged: JudgeReport) -> list:
    """The hidden tests of the correctness group: what the correctness component (and its weighting) counts."""
    return [t for t in judged.tests if t.visibility == "hidden" and t.group == "correctness"]


def _correctness(judged: JudgeReport) -> tuple[float, list[str]]:
    if judged.verdict is Verdict.POLICY_VIOLATION:
        return 0.0, ["the code was refused by the policy check and never ran"]
    tests = hidden_correctness(judged)
    passed, total = _weighted_share(tests)
    if not total:
        return 0.0, ["no hidden correctness tests"]
    failed = [t.name for t in tests if t.verdict is not Verdict.ACCEPTED]
    text = f"{len(tests) - len(failed)} of {len(tests)} hidden correctness tests passed"
    if failed:
        text += f" (failed: {', '.join(failed[:5])}{', ...' if len(failed) > 5 else ''})"
    return 100 * passed / total, [text]


def _efficiency(judged: JudgeReport, complexity: ComplexityReport | None,
                correctness_share: float) -> tuple[float, list[str]]:
    if judged.verdict is Verdict.POLICY_VIOLATION:
        return 0.0, ["the code never ran"]
    complexity_score, complexity_text = _complexity_credit(complexity, correctness_share)
    performance = [t for t in judged.tests if t.group == "performance"]
    if not performance:
        return complexity_score, [complexity_text]
    passed, total = _weighted_share(performance)
    performance_score = 100 * passed / total
    count = sum(1 for t in performance if t.verdict is Verdict.ACCEPTED)
    value = COMPLEXITY_SHARE * complexity_score + PERFORMANCE_SHARE * performance_score
    return value, [complexity_text, f"{count} of {len(performance)} performance tests passed"]


def _complexity_credit(complexity: ComplexityReport | None, correctness_share: float) -> tuple[float, str]:
    """The class's credit times the correctness share; 0 when nothing ran on the generator's inputs."""
    if complexity is None:
        return 0.0, "complexity not measured"
    if complexity.verdict == "not_measured":
        return 0.0, f"complexity not measured: {complexity.reason}"
    if complexity.verdict == "inconclusive" or complexity.measured is None:
        credit, text = INCONCLUSIVE_CREDIT, f"complexity inconclusive, half credit ({complexity.reason})"
    else:
        gap = max(0, rank(complexity.measured) - rank(complexity.target))
        credit = COMPLEXITY_CREDIT.get(gap, 0.0)
        text = (f"measured {complexity.measured} meets the target {complexity.target}" if gap == 0 else
                f"measured {complexity.measured}, {gap} class{'es' if gap > 1 else ''} slower than the "
                f"target {complexity.target}: {credit:.0f}/100")
    if correctness_share >= 1:
        return credit, text
    weighted = credit * correctness_share
    return weighted, f"{text}, times {correctness_share:.0%} correctness: {weighted:.0f}/100"


def _claim_text(narration: NarrationReport) -> str:
    return {
        "honest": f"claimed {narration.claimed_time}, as measured",
        "overclaim": f"overclaim: claimed {narration.claimed_time}, slower in fact, -{narration.penalty:.0f}",
        "underclaim": f"claimed {narration.claimed_time}, slower than measured",
        "unstated": "no time complexity stated",
        "unmeasured": f"claimed {narration.claimed_time}, not checked against a measurement",
    }.get(narration.claim, narration.claim)
