"""Judging a submission: policy check, sandbox jobs (one, or one per core for the large cases), host-side
grading."""

import concurrent.futures
import threading
import time

from sandbox import JobSession, SandboxSettings, run_in, run_job
from server.errors import SubmissionRejected
from server.judge import expected, grading
from server.judge.jobs import build_job
from server.judge.report import CaseReport, JudgeReport
from server.judge.verdicts import Verdict
from server.policy import check_policy
from server.problems.package import ProblemPackage

MAX_CODE_BYTES = 64 * 1024
# Performance cases run last: when the job's wall bound cuts a slow run short, only they are lost.
RUN_ORDER = {"example": 0, "correctness": 1, "performance": 2}


def judge(package: ProblemPackage, code: str, *, policy: bool = True, guard: bool = True, cases=None,
          settings: SandboxSettings | None = None, client=None, session: JobSession | None = None,
          on_result=None) -> JudgeReport:
    """Judge ``code`` against ``cases`` (default: every public and hidden case).

    Args:
        package: The problem, pinned by its content hash.
        code: The submission's source.
        policy: Run the policy check first (turn off only for staff and tests).
        guard: Run the code under the policy's run-time guard, which ends a test that opens a file,
            imports an unlisted module, runs a program, ... as ``policy_violation`` (turn off only
            for tests of the container itself).
        cases: A subset of the package's cases, e.g. the public ones for "Run".
        settings: Sandbox settings; defaults from the environment.
        client: A Docker client to reuse.
        session: The submission's sandbox session (``sandbox.JobSession``), whose container the tests then run
            in (the first job's, when they are dealt to several) and the measurement after them.
        on_result: Called with the number of tests finished so far, as they finish.

    Raises:
        SubmissionRejected: The code is too large or contains a NUL byte.
        ReferenceFailed: The package's reference cannot produce a generated case.
        SandboxError: Docker or the sandbox image is not usable.
    """
    started = time.monotonic()
    validate_code(code)
    cases = tuple(sorted(package.cases if cases is None else cases, key=lambda case: RUN_ORDER[case.test_group]))
    if policy:
        violations = tuple(check_policy(code, package.spec.imports.allowed))
        if violations:
            return JudgeReport(package.id, package.content_hash, Verdict.POLICY_VIOLATION, tests=(),
                               policy_checked=True, violations=violations,
                               wall_seconds=time.monotonic() - started)
    wanted = expected.expectations(package, cases, settings, client)
    outcomes = _run_cases(package, code, cases, guard, settings or SandboxSettings.from_environment(), client,
                          session, on_result)
    outcomes = _run_again_once(package, code, cases, outcomes, guard, settings, client)
    tests = tuple(_test_report(package, case, wanted[case.name], outcome)
                  for case, outcome in zip(cases, outcomes, strict=True))
    return JudgeReport(package.id, package.content_hash, Verdict.worst(t.verdict for t in tests), tests,
                       policy_checked=policy, wall_seconds=time.monotonic() - started)


def _run_cases(package, code, cases, guard, settings, client, session, on_result) -> tuple:
    """The cases' outcomes, in their order: from one job, or, when several cases are generated (the large
    ones), from ``settings.parallel_jobs`` jobs at once, the generated cases dealt among them."""
    groups = _groups(cases, settings.parallel_jobs)
    if len(groups) == 1:
        return run_in(session, build_job(package, code, cases, guard), settings, client, on_result).outcomes
    done, lock = [0] * len(groups), threading.Lock()

    def progress(slot):
        def report(count):
            with lock:  # one report at a time, so the total only grows
                done[slot] = count
                on_result(sum(done))
        return report

    with concurrent.futures.ThreadPoolExecutor(len(groups)) as threads:
        runs = [threads.submit(run_in, session if slot == 0 else None,
                               build_job(package, code, [cases[i] for i in group], guard), settings, client,
                               progress(slot) if on_result else None) for slot, group in enumerate(groups)]
        results = [run.result() for run in runs]
    outcomes = [None] * len(cases)
    for group, result in zip(groups, results, strict=True):
        for index, outcome in zip(group, result.outcomes, strict=True):
            outcomes[index] = outcome
    return tuple(outcomes)


def _groups(cases, jobs: int) -> list[list[int]]:
    """Case indexes per job: the generated cases dealt round the jobs, the others with the job that has the
    fewest generated ones; each job keeps the cases' order."""
    generated = [i for i, case in enumerate(cases) if case.generate is not None]
    jobs = min(jobs, len(generated))
    if jobs < 2:
        return [list(range(len(cases)))]
    groups = [generated[slot::jobs] for slot in range(jobs)]
    lightest = min(groups, key=len)
    lightest += [i for i, case in enumerate(cases) if case.generate is None]
    return [sorted(group) for group in groups]


def _run_again_once(package, code, cases, outcomes, guard, settings, client) -> tuple:
    """Run the tests the sandbox could not judge once more, in a fresh container.

    Neither load nor the sandbox's own failure is a verdict: a test the
    wall-clock backstop (or the job's bound) ended before it reached its CPU
    or waiting limit, or one the sandbox lost, gets a second run; still so,
    it is a ``system_error`` saying so.
    """
    again = [index for index, outcome in enumerate(outcomes) if outcome.lost]
    if not again:
        return outcomes
    rerun = run_job(build_job(package, code, [cases[index] for index in again], guard), settings, client).outcomes
    merged = list(outcomes)
    for index, outcome in zip(again, rerun, strict=True):
        merged[index] = outcome
    return tuple(merged)


def validate_code(code: str) -> None:
    size = len(code.encode("utf-8", "surrogatepass"))
    if size > MAX_CODE_BYTES:
        raise SubmissionRejected(f"the code is {size // 1024} KiB; at most {MAX_CODE_BYTES // 1024} KiB is accepted")
    if "\x00" in code:
        raise SubmissionRejected("the code contains a NUL character")


def _test_report(package, case, expectation, outcome) -> CaseReport:
    graded = grading.grade(case, expectation, outcome, package.spec.kind, package.spec.checker)
    return CaseReport(
        name=case.name, visibility=case.visibility, group=case.test_group, weight=case.weight,
        verdict=graded.verdict, message=graded.message, time_ms=outcome.cpu_ms,
        memory_kb=outcome.max_rss_kb, actual=graded.actual, raised=graded.raised, stdout=outcome.stdout,
        stderr=outcome.stderr,
        reference=expectation if expected.needs_reference(case) else None)
