"""Everything beyond the verdict: complexity, notes, code quality, and the score."""

import dataclasses

from sandbox import JobSession
from server.complexity.measure import measure_complexity
from server.complexity.report import ComplexityReport
from server.judge.judge import judge
from server.judge.report import JudgeReport
from server.judge.verdicts import Verdict
from server.problems.package import ProblemPackage
from server.problems.schema import ScoringWeights
from server.scoring.narration import NarrationReport, analyse_notes
from server.scoring.quality import QualityReport, analyse_code
from server.scoring.score import ScoreReport, hidden_correctness, score


@dataclasses.dataclass(frozen=True)
class Assessment:
    complexity: ComplexityReport | None
    narration: NarrationReport
    quality: QualityReport
    score: ScoreReport

    def as_json(self) -> dict:
        return {"complexity": self.complexity.as_json() if self.complexity else None,
                "score": self.score.as_json(), "notes": self.narration.as_json(),
                "quality": self.quality.as_json()}


def code_ran(judged: JudgeReport) -> bool:
    """The code was judged on some test: the condition for measuring complexity, whatever the verdict."""
    return bool(judged.tests) and judged.verdict is not Verdict.POLICY_VIOLATION


def with_correctness(complexity: ComplexityReport, judged: JudgeReport) -> ComplexityReport:
    """The measurement with how many hidden correctness tests the judging failed, for the reviewer."""
    tests = hidden_correctness(judged)
    failed = sum(1 for t in tests if t.verdict is not Verdict.ACCEPTED)
    return dataclasses.replace(complexity, correctness_failed=failed, correctness_total=len(tests))


def assess(package: ProblemPackage, code: str, judged: JudgeReport, notes: str, *, measure: bool = True,
           weights: ScoringWeights | None = None, settings=None, client=None, session=None) -> Assessment:
    """Measure (whenever the code ran, a wrong answer or two included), read the notes and the code, and score.

    The measurement itself says ``not_measured`` when the code runs on none of the generator's inputs; it
    runs in ``session``'s container when given (the one the submission's tests ran in).

    Raises:
        SandboxError: Docker failed during the measurement.
        QualityCheckError: The linter could not run.
    """
    spec = package.spec
    complexity = None
    if measure and code_ran(judged):
        complexity = with_correctness(measure_complexity(package, code, settings=settings, client=client,
                                                         session=session), judged)
    narration = analyse_notes(notes, spec.narration.points, target=spec.complexity.target,
                              measured=complexity.measured if complexity else None,
                              per_call=spec.kind == "class")
    quality = analyse_code(code, spec.entry_point)
    return Assessment(complexity, narration, quality,
                      score(judged, complexity, narration, quality, weights or spec.scoring))


def evaluate(package: ProblemPackage, code: str, notes: str = "", *, policy: bool = True, measure: bool = True,
             settings=None, client=None) -> JudgeReport:
    """Judge a full submission and assess it: the report carries the verdict and the score.

    Raises:
        SubmissionRejected, ReferenceFailed, SandboxError: as ``judge``.
    """
    with JobSession(settings, client) as session:
        judged = judge(package, code, policy=policy, settings=settings, client=client, session=session)
        assessment = assess(package, code, judged, notes, measure=measure, settings=settings, client=client,
                            session=session)
    return dataclasses.replace(judged, assessment=assessment)
