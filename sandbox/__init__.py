"""techscreen's execution layer: hardened Docker containers, no Flask, no database.

Typical use::

    from sandbox import Job, Limits, CaseInput, run_job
    result = run_job(Job(code, "function", "f", Limits(2.0, 256, 64),
                         (CaseInput({"args": [1, 2]}),)))
"""

from sandbox.errors import (
    EngineRefused,
    EngineUnavailable,
    ImageBuildError,
    ImageMissing,
    JobRejected,
    PriorityUnavailable,
    SandboxError,
)
from sandbox.jobs import CaseInput, Generate, Job, JobResult, JobSession, Limits, RunOutcome, run_in, run_job
from sandbox.settings import SandboxSettings

__all__ = [
    "EngineRefused", "EngineUnavailable", "Generate", "ImageBuildError", "ImageMissing", "Job", "JobRejected",
    "JobResult", "Limits", "PriorityUnavailable", "RunOutcome", "SandboxError", "SandboxSettings", "CaseInput",
    "JobSession", "run_in", "run_job",
]
