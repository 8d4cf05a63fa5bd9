"""``techscreen problem check``: verify a package the way problemtools' ``verify`` does.

Parts, each gathering its own errors and warnings: the format (schema, files,
cases, statement), the generator (deterministic in fresh processes), the
reference solution (passes every case, within the policy, well inside the
limits, measured to meet the complexity target) and the known submissions
(at least three accepted ones; each gets the verdict its folder names; a
``slow`` one is also measured slower than the target).
"""

import dataclasses
import itertools
import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sandbox import CaseInput, Generate, Job, SandboxSettings, run_job
from server.complexity.measure import measure_complexity
from server.errors import Issue, ProblemFormatError, TechscreenError
from server.judge.jobs import limits
from server.judge.judge import judge
from server.judge.report import JudgeReport
from server.judge.verdicts import Verdict
from server.policy import check_policy
from server.problems.package import SLOW, KnownSubmission, ProblemPackage, load_package
from server.problems.tree import read_tree
from server.questions.item import is_question_folder, question_issues

# The reference should use at most this share of a test's CPU limit.
REFERENCE_SHARE_WARNING = 0.5
# Natural solutions written from the statement alone, kept in submissions/accepted/ (docs/problem-format.md).
MIN_ACCEPTED = 3
DETERMINISM_SIZES = (1, 50)


@dataclasses.dataclass(frozen=True)
class SubmissionCheck:
    """One known solution (or the reference) judged: what it should get and what it got."""

    name: str
    expected: str
    got: str
    ok: bool
    passed: int
    total: int
    problems: tuple[str, ...] = ()
    slowest_ms: float | None = None
    complexity: str | None = None  # "measured O(n^2) vs target O(n): slower", reference and slow ones

    def as_json(self) -> dict:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class CheckReport:
    """What ``problem check`` found; ``ok`` when there is no error."""

    package: str
    issues: tuple[Issue, ...]
    submissions: tuple[SubmissionCheck, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(issue.severity == "error" for issue in self.issues) and all(s.ok for s in self.submissions)

    def as_json(self) -> dict:
        return {"package": self.package, "ok": self.ok,
                "errors": [i.as_json() for i in self.issues if i.severity == "error"],
                "warnings": [i.as_json() for i in self.issues if i.severity == "warning"],
                "submissions": [s.as_json() for s in self.submissions]}


def check_package(path, settings: SandboxSettings | None = None, client=None, workers: int = 2,
                  progress: Callable[[str, float], None] | None = None) -> CheckReport:
    """Run every check on the package at ``path``.

    Args:
        progress: Called with a phase ("format", "generator", "reference", "submissions 2 of 5", "done")
            and the fraction of the work done, as each part starts and ends.

    Raises:
        SandboxError: Docker or the sandbox image is not usable (not the package's fault).
    """
    report = progress or (lambda phase, fraction: None)
    report("format", 0.0)
    if is_question_folder(Path(path)):  # a question item: its format is all there is to check
        report("done", 1.0)
        return CheckReport(Path(path).name, tuple(question_issues(Path(path).name, read_tree(Path(path)))))
    try:
        package = load_package(path)
    except ProblemFormatError as error:
        report("done", 1.0)
        return CheckReport(str(path), tuple(error.issues))
    steps = 3 + len(package.submissions)
    issues = list(package.warnings) + _natural_solution_issues(package)
    report("generator", 1 / steps)
    issues += _check_generator(package, settings, client)
    report("reference", 2 / steps)
    try:
        reference_issues, reference = _check_reference(package, settings, client)
    except TechscreenError as error:
        report("done", 1.0)
        return CheckReport(package.id, tuple(issues + [Issue("solution.py", None, str(error))]))
    finished = itertools.count(1)
    lock = threading.Lock()

    def check_one(known: KnownSubmission) -> SubmissionCheck:
        checked = _check_submission(package, known, settings, client)
        with lock:
            done = next(finished)
            report(f"submissions {done} of {len(package.submissions)}", (3 + done) / steps)
        return checked

    report(f"submissions 0 of {len(package.submissions)}", 3 / steps)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        submissions = tuple(pool.map(check_one, package.submissions))
    report("done", 1.0)
    return CheckReport(package.id, tuple(issues + reference_issues), (reference,) + submissions)


def _natural_solution_issues(package: ProblemPackage) -> list[Issue]:
    """Too few accepted submissions leave a trap in the statement or the tests unnoticed: demand several."""
    accepted = sum(known.folder == "accepted" for known in package.submissions)
    if accepted >= MIN_ACCEPTED:
        return []
    return [Issue("submissions/accepted", None, f"{accepted} accepted submission{'' if accepted == 1 else 's'}; "
                  f"at least {MIN_ACCEPTED} natural solutions written from the statement alone are required "
                  "(e.g. a plain loop, a library one and the idiom most candidates reach for)")]


def _check_generator(package: ProblemPackage, settings, client) -> list[Issue]:
    """Each family builds the same input twice in fresh processes, at a few sizes."""
    families = sorted({case.generate.family for case in package.cases if case.generate} - {None}) or [None]
    specs = [Generate(n, seed=12345, family=family) for family in families for n in DETERMINISM_SIZES]
    job = Job(code="", kind=package.spec.kind, entry_point=package.spec.entry_point, limits=limits(package),
              tests=tuple(CaseInput(generate=spec) for spec in specs for _ in range(2)),
              generator=package.generator, mode="generate", image=package.spec.sandbox_image)
    outcomes = run_job(job, settings, client).outcomes
    issues = []
    for index, spec in enumerate(specs):
        first, second = outcomes[2 * index], outcomes[2 * index + 1]
        label = f"generate(n={spec.n}, family={spec.family!r})"
        if first.status != "completed":
            issues.append(Issue("generator.py", None, f"{label} failed: {first.detail or first.stderr[-300:]}"))
        elif json.dumps(first.result, sort_keys=True) != json.dumps(second.result, sort_keys=True):
            issues.append(Issue("generator.py", None, f"{label} is not deterministic: two runs built different inputs"))
    return issues


def _check_reference(package: ProblemPackage, settings, client) -> tuple[list[Issue], SubmissionCheck]:
    """The reference passes the policy and every case, well inside the CPU limit."""
    issues = [Issue("solution.py", v.line, f"the reference fails the policy check: {v.message}")
              for v in check_policy(package.solution, package.spec.imports.allowed)]
    report = judge(package, package.solution, policy=False, settings=settings, client=client)
    budget = float(package.spec.limits.cpu_seconds) * 1000
    for test in report.tests:
        if test.time_ms is not None and test.time_ms > budget * REFERENCE_SHARE_WARNING:
            issues.append(Issue("solution.py", None, f"the reference uses {test.time_ms:.0f} ms of the "
                                                     f"{budget:.0f} ms limit on case {test.name!r}", "warning"))
    check = _submission_check("solution.py", Verdict.ACCEPTED.label, report)
    return issues, _with_complexity(check, package, package.solution, "meets", settings, client)


def _check_submission(package: ProblemPackage, known: KnownSubmission, settings, client) -> SubmissionCheck:
    try:
        code = known.path.read_text(encoding="utf-8")
        report = judge(package, code, policy=False, settings=settings, client=client)
    except (TechscreenError, UnicodeDecodeError) as error:
        return SubmissionCheck(known.name, known.folder, "error", False, 0, 0, (str(error),))
    check = _submission_check(known.name, known.folder, report)
    if known.folder == SLOW and check.ok:
        return _with_complexity(check, package, code, "slower", settings, client)
    return check


def _with_complexity(check: SubmissionCheck, package, code, wanted: str, settings, client) -> SubmissionCheck:
    """Measure the code; the check fails unless the complexity verdict is ``wanted``."""
    complexity = measure_complexity(package, code, settings=settings, client=client)
    summary = f"measured {complexity.measured or '?'} vs target {complexity.target}: {complexity.verdict}"
    if complexity.verdict == wanted:
        return dataclasses.replace(check, complexity=summary)
    return dataclasses.replace(check, ok=False, complexity=summary, problems=check.problems + (
        f"the complexity measurement should say {wanted}: {complexity.reason}",))


def _submission_check(name: str, expected: str, report: JudgeReport) -> SubmissionCheck:
    problems = _slow_problems(report) if expected == SLOW else _verdict_problems(report, expected)
    got = SLOW if expected == SLOW and not problems else report.verdict.label
    times = [t.time_ms for t in report.tests if t.time_ms is not None]
    return SubmissionCheck(name, expected, got, not problems, report.passed, report.total, tuple(problems),
                           max(times, default=None))


def _verdict_problems(report: JudgeReport, folder: str) -> list[str]:
    if report.verdict.label == folder:
        return []
    failing = [f"{t.visibility} case {t.name}: {t.verdict.label} {t.message}".strip() for t in report.tests
               if t.verdict is not Verdict.ACCEPTED][:5]
    return [f"expected {folder}, got {report.verdict.label}"] + failing


def _slow_problems(report: JudgeReport) -> list[str]:
    """Slow: every example and correctness case passes; a performance case times out."""
    problems = [f"{t.name} ({t.group}): {t.verdict.label} {t.message}".strip() for t in report.tests
                if t.group != "performance" and t.verdict is not Verdict.ACCEPTED]
    timed_out = [t for t in report.tests if t.group == "performance" and t.verdict is Verdict.TIME_LIMIT_EXCEEDED]
    if not timed_out:
        problems.append("no performance case exceeded the time limit")
    other = [t for t in report.tests if t.group == "performance"
             and t.verdict not in (Verdict.ACCEPTED, Verdict.TIME_LIMIT_EXCEEDED)]
    problems += [f"{t.name} (performance): {t.verdict.label} {t.message}".strip() for t in other]
    return problems
