"""techscreen's exceptions outside the sandbox: one base class, one subclass per failure."""

import dataclasses


class TechscreenError(Exception):
    """Base class for errors that carry a message meant for the user."""


@dataclasses.dataclass(frozen=True)
class Issue:
    """One finding about a problem package: where, what, and how bad."""

    file: str
    line: int | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"

    def as_json(self) -> dict:
        return dataclasses.asdict(self)


class ProblemFormatError(TechscreenError):
    """A problem package is malformed; ``issues`` lists every error found."""

    def __init__(self, package: str, issues: list[Issue]):
        self.package = package
        self.issues = issues
        super().__init__(f"problem package {package} is malformed:\n" + "\n".join(f"  {i}" for i in issues))


class ProblemNotFound(TechscreenError):
    """No problem with that id in the bank, and no package at that path."""


class SubmissionRejected(TechscreenError):
    """The submitted code cannot be judged as given (too large, not UTF-8)."""


class ArchiveError(ProblemFormatError):
    """A zip of a problem package is refused; ``issues`` lists every problem found, each naming its file."""
