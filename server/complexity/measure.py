"""Measure a submission's time complexity deterministically, inside the sandbox.

For each input family of the problem's generator, sizes double from
``min_n`` to ``max_n``. The families are dealt to ``parallel_jobs`` sandbox
jobs (the cores, at most 4), which run at once, one container each (the
first one the container the submit's tests ran in, ``sandbox.JobSession``); each
size runs in a fresh process with ``PYTHONHASHSEED`` fixed, where the entry
point's work is counted (line and call events plus charged C-level costs, see
``sandbox/tsbox/meter.py``). A family stops at the first size over the work
budget; a job ends as soon as the fits of all its families are decisive
(``_decisive``): larger sizes would only confirm them, or once it has used
its budget of CPU time. The budget is CPU time, not wall-clock time, so a
busy machine measures the same sizes as a quiet one, only later (a job's
wall clock is a backstop far above it). Where fewer than seven
sizes fit, smaller sizes are added; where growth between doublings looks
exponential, sizes in between, in one more job. Each family's points are fitted
(``fit.fit_classes``); the slowest family decides. Kernel-accounted CPU time
cross-checks the counts, so code that hides work from the counter (turning
the tracer off, threads) cannot look faster than it is. Code that runs on
none of the generator's inputs (it raises, or exceeds the limits at every
size) is ``not_measured``, with the reason.
"""

import bisect
import concurrent.futures
import dataclasses
import math
import time

from sandbox import CaseInput, Generate, Job, JobSession, Limits, SandboxSettings, run_in
from server.complexity.classes import rank
from server.complexity.fit import fit_classes
from server.complexity.report import ComplexityReport, Point
from server.problems.package import ProblemPackage, generator_families

EVENT_CAP = 4_000_000
MAX_WORK = 10 ** 15  # units: far past what code can do within a size's CPU limit, charged C work included
MEASURE_CPU_SECONDS = 5.0
MIN_POINTS = 7
FIT_MIN_POINTS = 4
SEED = 7_919
CPU_FLOOR_MS = 30.0  # below this, CPU time is mostly noise
CPU_DRIFT = 4.0  # CPU per counted unit growing this much means the count misses work
EXPONENTIAL_RATIO = 2 ** 3.5  # growth per doubling beyond any polynomial class we report
DEFAULT_BUDGET_SECONDS = 15.0  # CPU seconds each job may use
WALL_BACKSTOP_FACTOR = 8  # a job's wall clock bound, in budgets: reached only when the machine starves the sandbox
DECISIVE_TIMED_POINTS = 3  # sizes with at least CPU_FLOOR_MS of CPU time before a family may end early
DECISIVE_CONFIDENCE = 0.99


@dataclasses.dataclass(frozen=True)
class MeasureSpec:
    """What to measure: how to call the code, how to build inputs, which sizes, against what."""

    kind: str
    entry_point: str
    generator: str
    target: str
    min_n: int
    max_n: int
    memory_mb: int = 512
    allowed_imports: tuple[str, ...] | None = None  # the problem's: the code runs under the run-time guard
    image: str = "base"  # the sandbox image the problem's code runs on

    @classmethod
    def of(cls, package: ProblemPackage) -> "MeasureSpec":
        spec = package.spec
        return cls(spec.kind, spec.entry_point, package.generator, spec.complexity.target,
                   spec.complexity.min_n, spec.complexity.max_n, spec.limits.memory_mb, spec.imports.allowed,
                   spec.sandbox_image)


def measure_complexity(package: ProblemPackage, code: str, **options) -> ComplexityReport:
    """Measure ``code`` on ``package``'s generator against its target (options as for ``measure``)."""
    return measure(MeasureSpec.of(package), code, **options)


def measure(spec: MeasureSpec, code: str, *, budget_seconds: float = DEFAULT_BUDGET_SECONDS,
            settings: SandboxSettings | None = None, client=None,
            session: JobSession | None = None) -> ComplexityReport:
    """Measure ``code`` on the generator's inputs and compare with the target; each sandbox job may use
    ``budget_seconds`` of CPU time. The first job runs in ``session``'s container, when given (the
    submission's, after its tests).

    Raises:
        SandboxError: Docker or the sandbox image is not usable.
    """
    started = time.monotonic()
    families = generator_families(spec.generator) or (None,)
    ladder = [spec.min_n << k for k in range(64) if spec.min_n << k <= spec.max_n]
    settings = settings or SandboxSettings.from_environment()
    jobs = min(settings.parallel_jobs, len(families))
    groups = [families[i::jobs] for i in range(jobs)]
    points, used = _in_parallel(spec, code, families, [[(f, n) for n in ladder for f in group] for group in groups],
                                budget_seconds, settings, client, session, decisive=True)
    extra = [(family, n) for family in families for n in _refinement(points, family, spec.min_n)]
    remaining = budget_seconds - used
    if extra and remaining > 2:
        points += _in_parallel(spec, code, families, [extra], remaining, settings, client, session,
                               decisive=False)[0]
    points = sorted(points, key=lambda p: (str(p.family), p.n))
    return _conclude(points, families, spec.target, time.monotonic() - started)


def _in_parallel(spec: MeasureSpec, code, families, plans, budget_seconds, settings, client, session,
                 decisive) -> tuple[list[Point], float]:
    """Run each plan (``(family, n)`` pairs) as a job of its own, all at once; a job whose families' fits are
    all decisive (when ``decisive``) ends there, as does one that used ``budget_seconds`` of CPU. The points,
    and the most CPU seconds one job used."""
    settings = dataclasses.replace(settings, job_wall_seconds=max(1.0, budget_seconds) * WALL_BACKSTOP_FACTOR)
    with concurrent.futures.ThreadPoolExecutor(len(plans)) as threads:
        runs = [threads.submit(_run, spec, code, families, plan, budget_seconds, settings, client,
                               session if slot == 0 else None, decisive)
                for slot, plan in enumerate(plans)]
        results = [run.result() for run in runs]
    return [point for points, _ in results for point in points], max(used for _, used in results)


def _run(spec: MeasureSpec, code, families, plan, budget_seconds, settings, client, session, decisive) \
        -> tuple[list[Point], float]:
    """Measure the plan's sizes in one job (in ``session``'s container, when given). Sizes the sandbox lost
    (``RunOutcome.lost``) run once more in a fresh container, as a judge's tests do; still lost, they are
    ``lost`` points, which say nothing of the code."""
    by_family = {family: [] for family, _ in plan}
    used_ms = 0.0
    ended = False

    def following(indexes):
        def arrived(index, outcome) -> bool:
            nonlocal used_ms, ended
            family, n = plan[indexes[index]]
            used_ms += outcome.cpu_ms or 0.0
            point = None if outcome.lost else _point(family, n, outcome)
            if point is not None:
                bisect.insort(by_family[family], point, key=lambda p: p.n)  # a size run again comes late
            ended = used_ms >= budget_seconds * 1000 or (
                decisive and all(_decisive(points, spec.target) for points in by_family.values()))
            return ended
        return arrived

    pending, lost = list(range(len(plan))), {}
    for container_of in (session, None):
        if not pending or ended:
            break
        result = run_in(container_of, _measure_job(spec, code, families, [plan[i] for i in pending]), settings,
                        client, on_outcome=following(pending))
        lost = {pending[i]: outcome for i, outcome in enumerate(result.outcomes) if outcome.lost}
        pending = list(lost)
    for index, outcome in lost.items():
        family, n = plan[index]
        bisect.insort(by_family[family], Point(n, family, None, None, "lost", outcome.detail), key=lambda p: p.n)
    return [point for points in by_family.values() for point in points], used_ms / 1000


def _measure_job(spec: MeasureSpec, code, families, plan) -> Job:
    tests = tuple(CaseInput(generate=Generate(n, SEED + families.index(family), family), series=str(family))
                  for family, n in plan)
    return Job(code=code, kind=spec.kind, entry_point=spec.entry_point,
               limits=Limits(MEASURE_CPU_SECONDS, spec.memory_mb, 64), tests=tests,
               generator=spec.generator, mode="measure", event_cap=EVENT_CAP, allowed_imports=spec.allowed_imports,
               image=spec.image)


def _point(family, n, outcome) -> Point | None:
    if outcome.status == "skipped":
        return None
    if outcome.status == "timeout":
        return Point(n, family, None, None, "over_budget", outcome.detail)
    measured = (outcome.result or {}).get("measured")
    if outcome.status != "completed" or not isinstance(measured, dict):
        return Point(n, family, None, None, "failed", _failure(outcome))
    if measured.get("truncated"):
        return Point(n, family, None, None, "over_budget", f"over the work budget of {EVENT_CAP:,} units")
    work = measured.get("total")
    if not _plausible(work, MAX_WORK):  # the runner shares its process with the code: its body is untrusted
        return Point(n, family, None, None, "failed", f"a count the meter does not give: {str(work)[:40]}")
    setup = (outcome.result or {}).get("setup_cpu_ms")
    cpu = None
    if outcome.cpu_ms is not None and _plausible(setup, outcome.cpu_ms):  # the supervisor's CPU time bounds it
        cpu = outcome.cpu_ms - setup
    status = "measured" if measured.get("tracer_intact", False) else "tracer_off"
    return Point(n, family, max(1, int(work)), cpu, status)


def _plausible(number, most) -> bool:
    return type(number) in (int, float) and 0 <= number <= most


def _failure(outcome) -> str:
    """What went wrong on one size, in words: the exception the code raised, else the sandbox's detail."""
    raised = (outcome.result or {}).get("raised")
    if isinstance(raised, dict):
        message = str(raised.get("message", ""))[:200]
        return f"raised {raised.get('type', 'an exception')}" + (f": {message}" if message else "")
    return outcome.detail or outcome.status


def _decisive(points: list[Point], target: str) -> bool:
    """Larger sizes would only confirm this family's class and verdict: every size so far measured, at
    least ``MIN_POINTS`` of them over 64x, ``DECISIVE_TIMED_POINTS`` with enough CPU time for the CPU
    cross-check (which finds nothing), a fit at least ``DECISIVE_CONFIDENCE`` sure, the same class and
    verdict without the last size, and a verdict either way."""
    if len(points) < MIN_POINTS or any(p.status != "measured" for p in points):
        return False
    if points[-1].n < 64 * points[0].n:
        return False
    if sum(1 for p in points if p.cpu_ms is not None and p.cpu_ms >= CPU_FLOOR_MS) < DECISIVE_TIMED_POINTS:
        return False
    now, before = _family_verdict(points, target), _family_verdict(points[:-1], target)
    return (now["verdict"] != "inconclusive" and now["confidence"] >= DECISIVE_CONFIDENCE
            and (now["class"], now["verdict"]) == (before["class"], before["verdict"]))


def _refinement(points: list[Point], family, min_n: int) -> list[int]:
    """Sizes to add: smaller ones when too few fitted, in-between ones when growth looks exponential.

    Nothing for a family whose code only failed: it does not run on these inputs.
    """
    mine = sorted((p for p in points if p.family == family), key=lambda p: p.n)
    measured = [p for p in mine if p.status == "measured"]
    if not measured and any(p.status == "failed" for p in mine):
        return []
    sizes = []
    below = min_n // 2
    while len(measured) + len(sizes) < MIN_POINTS and below >= 1:
        sizes.append(below)
        below //= 2
    if len(measured) >= 2:
        last, before = measured[-1], measured[-2]
        doublings = math.log2(last.n / before.n) or 1
        if (last.work / before.work) ** (1 / doublings) > EXPONENTIAL_RATIO:
            sizes += [n for n in range(last.n + 1, last.n + 9) if n not in {p.n for p in mine}]
    return sizes


def _conclude(points, families, target, seconds) -> ComplexityReport:
    if not any(p.status in ("measured", "tracer_off", "lost") for p in points):
        return ComplexityReport(None, target, "not_measured", 0.0, _why_not_measured(points), tuple(points), {},
                                seconds)
    verdicts = {}
    for family in families:
        verdicts[str(family)] = _family_verdict([p for p in points if p.family == family], target)
    decided = [v for v in verdicts.values() if v["class"] is not None]
    if not decided:
        reasons = "; ".join(f"{name}: {v['reason']}" for name, v in verdicts.items())
        return ComplexityReport(None, target, "inconclusive", 0.0, reasons, tuple(points), verdicts, seconds)
    worst_name, worst = max(((n, v) for n, v in verdicts.items() if v["class"] is not None),
                            key=lambda item: rank(item[1]["class"]))
    statuses = {v["verdict"] for v in verdicts.values()}
    verdict = "slower" if "slower" in statuses else "meets" if statuses == {"meets"} else "inconclusive"
    family_label = "" if worst_name == "None" else f" on the {worst_name!r} inputs"
    reason = f"measured {worst['class']}{family_label} ({worst['reason']}); target {target}"
    if verdict == "inconclusive":
        reason += "; " + "; ".join(f"{n}: {v['reason']}" for n, v in verdicts.items() if v["verdict"] == "inconclusive")
    return ComplexityReport(worst["class"], target, verdict, worst["confidence"], reason, tuple(points),
                            verdicts, seconds)


def _why_not_measured(points: list[Point]) -> str:
    """Why no size of any family ran: the first failure, else the first limit, else the budget."""
    for status, how in (("failed", "it"), ("over_budget", "it was stopped:")):
        found = [p for p in points if p.status == status]
        if found:
            first = min(found, key=lambda p: p.n)
            family = "" if first.family is None else f" {first.family!r}"
            return (f"the code does not run on the generator's inputs: on the{family} input of size n={first.n} "
                    f"{how} {first.detail}")
    return "no size finished within the measurement's time budget"


def _family_verdict(points: list[Point], target: str) -> dict:
    measured = [p for p in points if p.status == "measured"]
    if any(p.status == "tracer_off" for p in points):
        return _cpu_only_verdict(points, target)
    if len(measured) < FIT_MIN_POINTS:
        over = [p.n for p in points if p.status == "over_budget"]
        failed = [p for p in points if p.status == "failed"]
        lost = [p for p in points if p.status == "lost"]
        why = (f"the sandbox lost n={', '.join(str(p.n) for p in lost)} on two runs (not the code: "
               f"{lost[0].detail[:200]})" if lost else
               f"over the work budget from n={over[0]}" if over else
               f"the code failed on the generated inputs (n={failed[0].n}: {failed[0].detail})" if failed else
               "the measurement's time budget ran out")
        return {"class": None, "confidence": 0.0, "verdict": "inconclusive",
                "reason": f"only {len(measured)} sizes measured: {why}"}
    fit = fit_classes([p.n for p in measured], [p.work for p in measured])
    best, confidence = fit.best, fit.confidence
    span = f"{len(measured)} sizes, n={measured[0].n}..{measured[-1].n}, confidence {confidence:.2f}"
    cpu_class = _cpu_disagrees(measured, best)
    if cpu_class is not None:
        best, confidence = cpu_class, min(confidence, 0.5)
        span += f"; CPU time grows as {cpu_class}, faster than the counted work, so CPU time decides"
    plausible = fit.plausible() if cpu_class is None else [best]
    return {"class": best, "confidence": confidence, "verdict": _verdict(plausible, target), "reason": span,
            "plausible": plausible}


def _cpu_disagrees(measured: list[Point], counted: str) -> str | None:
    """The CPU-time class when CPU per counted unit drifts up and says the code is slower."""
    timed = [p for p in measured if p.cpu_ms is not None and p.cpu_ms >= CPU_FLOOR_MS]
    if len(timed) < 3:
        return None
    drift = (timed[-1].cpu_ms / timed[-1].work) / (timed[0].cpu_ms / timed[0].work)
    if drift < CPU_DRIFT:
        return None
    by_cpu = fit_classes([p.n for p in timed], [p.cpu_ms for p in timed]).best
    return by_cpu if rank(by_cpu) > rank(counted) else None


def _cpu_only_verdict(points: list[Point], target: str) -> dict:
    timed = [p for p in points if p.cpu_ms is not None and p.cpu_ms >= CPU_FLOOR_MS]
    if len(timed) < 3:
        return {"class": None, "confidence": 0.0, "verdict": "inconclusive",
                "reason": "the code switched the work counter off and too little CPU time was used to judge"}
    fit = fit_classes([p.n for p in timed], [p.cpu_ms for p in timed])
    return {"class": fit.best, "confidence": min(fit.confidence, 0.5), "verdict": _verdict(fit.plausible(), target),
            "reason": "the code switched the work counter off; classified from CPU time", "plausible": fit.plausible()}


def _verdict(plausible: list[str], target: str) -> str:
    if all(rank(c) <= rank(target) for c in plausible):
        return "meets"
    if all(rank(c) > rank(target) for c in plausible):
        return "slower"
    return "inconclusive"
