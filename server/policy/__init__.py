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

# Deeper syntax trees (``1+1+1+...`` of hundreds of terms) exhaust Python's recursion while parsing or walking
# them, here and in every later check; no honest solution comes near.
MAX_NESTING = 100
TOO_DEEP = (f"expression too deeply nested (more than {MAX_NESTING} levels, e.g. a chain like 1+1+1+... of "
            "hundreds of terms): split it into smaller expressions or use a loop")


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
    except (RecursionError, MemoryError):
        return [Violation(1, 1, TOO_DEEP)]
    deepest = _too_deep(tree)
    if deepest is not None:
        return [Violation(getattr(deepest, "lineno", 1), getattr(deepest, "col_offset", 0) + 1, TOO_DEEP)]
    allowed = frozenset(allowed_imports)
    reach = ReachCheck(allowed)
    reach.check(tree)  # first: the transformer rewrites parts of the tree as it goes
    policy = CandidatePolicy(allowed)
    policy.visit(tree)
    findings = reach.findings + policy.findings
    return sorted({Violation(line, column, message) for line, column, message in findings})


def _too_deep(tree: ast.AST) -> ast.AST | None:
    """Where the tree first goes more than ``MAX_NESTING`` levels down (the nearest node with a line), found
    without recursion; None if it never does."""
    pending = [(tree, 0, tree)]
    while pending:
        node, depth, located = pending.pop()
        located = node if hasattr(node, "lineno") else located
        if depth > MAX_NESTING:
            return located
        pending.extend((child, depth + 1, located) for child in ast.iter_child_nodes(node))
    return None


__all__ = ["Violation", "check_policy"]
