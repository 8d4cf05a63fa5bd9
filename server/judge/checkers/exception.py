"""The expected-exception checker: the run raised the named builtin exception."""

from server.judge.checkers.base import PASSED, Check, show


def check(expected_type: str, outcome: dict, spec=None) -> Check:
    """``outcome`` is the runner's result; a subclass of the expected type counts."""
    raised = outcome.get("raised")
    if not isinstance(raised, dict):
        return Check(False, f"expected {expected_type} to be raised, but it returned "
                            f"{show(outcome.get('returned'))}")
    if raised_builtin(outcome, expected_type):
        return PASSED
    return Check(False, f"expected {expected_type} to be raised, got {raised.get('type', '?')}: "
                        f"{str(raised.get('message', ''))[:200]}")


def raised_builtin(outcome: dict, name: str) -> bool:
    """The run raised the builtin exception ``name`` or a subclass of it (``outcome`` is untrusted)."""
    raised = outcome.get("raised")
    builtin_types = raised.get("builtin_types") if isinstance(raised, dict) else None
    return isinstance(builtin_types, list) and name in builtin_types
