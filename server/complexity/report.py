"""What a complexity measurement found, in the shape the judge's JSON carries."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class Point:
    """One size of one input family, measured in a fresh process.

    ``work`` is the deterministic unit count (lines + calls + charged C work);
    ``cpu_ms`` is the kernel-accounted CPU time of the measured call (the
    child's total minus its set-up before any candidate code ran); ``detail``
    says why a size gave no count (what the code raised, which limit it hit).
    """

    n: int
    family: str | None
    work: int | None
    cpu_ms: float | None
    status: str  # measured | tracer_off | over_budget | failed | lost (by the sandbox, twice: not the code)
    detail: str = ""

    def as_json(self) -> dict:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class ComplexityReport:
    """The measured class, the verdict against the target, and why.

    ``verdict`` is ``meets`` (no slower than the target), ``slower``,
    ``inconclusive`` or ``not_measured`` (the code ran on none of the
    generator's inputs); ``reason`` says why. ``correctness_failed`` of
    ``correctness_total`` hidden correctness tests failed in the judging the
    measurement belongs to (None when measured outside judging).
    """

    measured: str | None
    target: str
    verdict: str
    confidence: float
    reason: str
    points: tuple[Point, ...]
    families: dict
    seconds: float
    correctness_failed: int | None = None
    correctness_total: int | None = None

    def as_json(self) -> dict:
        return {
            "measured": self.measured, "target": self.target, "verdict": self.verdict,
            "confidence": round(self.confidence, 3), "reason": self.reason,
            "families": self.families, "points": [p.as_json() for p in self.points],
            "seconds": round(self.seconds, 2),
            "correctness_failed": self.correctness_failed, "correctness_total": self.correctness_total,
        }
