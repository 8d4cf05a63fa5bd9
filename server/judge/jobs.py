"""From a problem package and code to a sandbox job (inputs only, never expected values)."""

from sandbox import CaseInput, Generate, Job, Limits
from server.problems.package import ProblemPackage
from server.problems.schema import Case


def test_input(case: Case) -> CaseInput:
    """The sandbox input for ``case``: literal arguments or a generator call."""
    if case.generate is not None:
        spec = case.generate
        return CaseInput(generate=Generate(spec.n, spec.seed, spec.family))
    if case.args is not None:
        return CaseInput({"args": case.args, "kwargs": case.kwargs or {}})
    if case.init is not None:
        return CaseInput({"init": case.init, "calls": [list(call) for call in case.calls or ()]})
    return CaseInput({"stdin": case.stdin})


def limits(package: ProblemPackage) -> Limits:
    spec = package.spec.limits
    return Limits(float(spec.cpu_seconds), spec.memory_mb, spec.output_kb)


def build_job(package: ProblemPackage, code: str, cases, guard: bool = True) -> Job:
    """A job running ``code`` on ``cases`` of ``package``, under the run-time guard unless ``guard`` is off."""
    needs_generator = any(case.generate is not None for case in cases)
    return Job(code=code, kind=package.spec.kind, entry_point=package.spec.entry_point,
               limits=limits(package), tests=tuple(test_input(case) for case in cases),
               generator=package.generator if needs_generator else None,
               allowed_imports=package.spec.imports.allowed if guard else None, image=package.spec.sandbox_image)
