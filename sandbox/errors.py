"""The sandbox's exceptions: one base class, one subclass per thing that can go wrong.

Callers catch :class:`SandboxError`; a raw ``docker.errors.DockerException``
never leaves this package. :class:`EngineUnavailable` is the one transient
fault: the job says nothing about the code and is to be run again, whole,
once the engine answers. Every other subclass is a lasting fault that
retrying would only repeat.
"""


class SandboxError(Exception):
    """Base class for every error the sandbox raises."""


class EngineUnavailable(SandboxError):
    """The Docker engine could not run the job to its end: it does not answer, is restarting, failed with a
    server error (5xx), or killed or removed the job's container. Transient: run the whole job again later."""


class EngineRefused(SandboxError):
    """The Docker engine answered and refused a request (4xx): the judge asked for something wrong."""


class ImageMissing(SandboxError):
    """The sandbox image for this version of the code has not been built."""


class ImageBuildError(SandboxError):
    """Building the sandbox image failed."""


class JobRejected(SandboxError):
    """The job itself is unacceptable (too large, malformed) and was not run."""


class PriorityUnavailable(SandboxError):
    """This host cannot give job containers a control group of idle CPU priority (``sandbox.priority``)."""
