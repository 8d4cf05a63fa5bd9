"""The policy check run before any code reaches the sandbox: a lint with clear messages.

It is not the wall (the container is); it tells a candidate early, with a
line and column, that ``open``, ``eval``, ``import os``, ``obj.__class__`` or
the roads around them (``random._os``, ``g = getattr``, ``'{0.__class__}'.format``)
will not be accepted. ``CandidatePolicy`` reviews the syntax node by node;
``ReachCheck`` follows what names and strings reach.
"""

import ast
import dataclasses

from server.policy.reach import ReachCheck
from server.policy.transformer import CandidatePolicy


@dataclasses.dataclass(frozen=True, order=True)
class Violation:
    """One refused construct: where (1-based line and column) and why."""

    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"

    def as_json(self) -> dict:
        return dataclasses.asdict(self)


def check_policy(code: str, allowed_imports) -> list[Violation]:
    """Return the policy violations in ``code`` (a syntax error is one), sorted by position."""
    try:
        tree = ast.parse(code, filename="solution.py")
    except SyntaxError as error:
        return [Violation(error.lineno or 1, error.offset or 1, f"syntax error: {error.msg}")]
    except ValueError as error:  # e.g. a NUL byte in the source
        return [Violation(1, 1, f"the code cannot be read: {error}")]
    allowed = frozenset(allowed_imports)
    reach = ReachCheck(allowed)
    reach.check(tree)  # first: the transformer rewrites parts of the tree as it goes
    policy = CandidatePolicy(allowed)
    policy.visit(tree)
    findings = reach.findings + policy.findings
    return sorted({Violation(line, column, message) for line, column, message in findings})


__all__ = ["Violation", "check_policy"]
