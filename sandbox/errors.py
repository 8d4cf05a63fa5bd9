"""The sandbox's exceptions: one base class, one subclass per thing that can go wrong.

Callers catch :class:`SandboxError`; a raw ``docker.errors.DockerException``
never leaves this package.
"""


class SandboxError(Exception):
    """Base class for every error the sandbox raises."""


class EngineUnavailable(SandboxError):
    """The Docker engine cannot be reached or refused a request."""


class ImageMissing(SandboxError):
    """The sandbox image for this version of the code has not been built."""


class ImageBuildError(SandboxError):
    """Building the sandbox image failed."""


class JobRejected(SandboxError):
    """The job itself is unacceptable (too large, malformed) and was not run."""
