"""The judge's report on one submission, and its JSON form (the CLI contract)."""

import dataclasses

from server.judge.expected import Expectation
from server.judge.verdicts import Verdict
from server.policy import Violation

MESSAGE_CHARS = 300  # of an exception's message, as reports and pages show it


@dataclasses.dataclass(frozen=True)
class Raised:
    """The exception a test's run ended with: what reviewers (and, for a public test, the candidate) see
    instead of a value that was never returned."""

    type: str
    message: str = ""

    @classmethod
    def parse(cls, raised) -> "Raised | None":
        """From a ``{"type", "message"}`` object (the runner's, untrusted, or a saved report's); None for none."""
        if not isinstance(raised, dict):
            return None
        return cls(str(raised.get("type", "an exception"))[:100], str(raised.get("message", ""))[:MESSAGE_CHARS])

    @property
    def summary(self) -> str:
        """``ValueError: window must be positive``, or the type alone when the message is empty."""
        return f"{self.type}: {self.message}" if self.message else self.type

    def as_json(self) -> dict:
        return {"type": self.type, "message": self.message}


@dataclasses.dataclass(frozen=True)
class CaseReport:
    """One test's result. ``actual``, ``raised``, ``stdout`` and ``stderr`` are for staff and public tests only.

    ``reference``: the expectation graded against, when the reference solution computed it (a generated
    case without ``expected``), kept for reviewers since the package does not hold it. Never in ``as_json``.
    """

    name: str
    visibility: str
    group: str
    weight: float
    verdict: Verdict
    message: str = ""
    time_ms: float | None = None
    memory_kb: int | None = None
    actual: object = None
    raised: Raised | None = None  # the exception the run ended with (a class case may also have ``actual``)
    stdout: str = ""
    stderr: str = ""
    reference: Expectation | None = None

    def as_json(self) -> dict:
        return {
            "name": self.name, "visibility": self.visibility, "group": self.group,
            "weight": self.weight, "verdict": self.verdict.label, "time_ms": self.time_ms,
            "memory_kb": self.memory_kb, "message": self.message,
        }


@dataclasses.dataclass(frozen=True)
class JudgeReport:
    """Everything judging one submission found.

    ``verdict`` is the worst test's, or ``policy_violation`` when the code
    never ran.
    """

    problem_id: str
    problem_version: str
    verdict: Verdict
    tests: tuple[CaseReport, ...]
    policy_checked: bool
    violations: tuple[Violation, ...] = ()
    wall_seconds: float = 0.0
    assessment: object = None  # server.scoring.assess.Assessment, for a full submission

    @property
    def passed(self) -> int:
        return sum(1 for test in self.tests if test.verdict is Verdict.ACCEPTED)

    @property
    def total(self) -> int:
        return len(self.tests)

    def as_json(self) -> dict:
        return {
            "problem": {"id": self.problem_id, "version": self.problem_version},
            "verdict": self.verdict.label,
            "passed": self.passed,
            "total": self.total,
            "tests": [test.as_json() for test in self.tests],
            "policy": {"checked": self.policy_checked,
                       "violations": [violation.as_json() for violation in self.violations]},
            "wall_seconds": round(self.wall_seconds, 3),
            **(self.assessment.as_json() if self.assessment is not None else {"complexity": None, "score": None}),
        }
