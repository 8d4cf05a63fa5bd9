"""From a problem package and code to a sandbox job (inputs only, never expected values)."""

from sandbox import Generate, Job, Limits, TestInput
from server.problems.package import ProblemPackage
from server.problems.schema import TestCase


def test_input(case: TestCase) -> TestInput:
    """The sandbox input for ``case``: literal arguments or a generator call."""
    if case.generate is not None:
        spec = case.generate
        return TestInput(generate=Generate(spec.n, spec.seed, spec.family))
    if case.args is not None:
        return TestInput({"args": case.args, "kwargs": case.kwargs or {}})
    if case.init is not None:
        return TestInput({"init": case.init, "calls": [list(call) for call in case.calls or ()]})
    return TestInput({"stdin": case.stdin})


def limits(package: ProblemPackage) -> Limits:
    spec = package.spec.limits
    return Limits(float(spec.cpu_seconds), spec.memory_mb, spec.output_kb)


def build_job(package: ProblemPackage, code: str, cases) -> Job:
    """A job running ``code`` on ``cases`` of ``package``."""
    needs_generator = any(case.generate is not None for case in cases)
    return Job(code=code, kind=package.spec.kind, entry_point=package.spec.entry_point,
               limits=limits(package), tests=tuple(test_input(case) for case in cases),
               generator=package.generator if needs_generator else None)
