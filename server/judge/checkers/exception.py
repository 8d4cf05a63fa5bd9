"""The expected-exception checker: the run raised the named builtin exception."""

from server.judge.checkers.base import PASSED, Check, show


def check(expected_type: str, outcome: dict, spec=None) -> Check:
    """``outcome`` is the runner's result; a subclass of the expected type counts."""
    raised = outcome.get("raised")
    if not isinstance(raised, dict):
        return Check(False, f"expected {expected_type} to be raised, but it returned "
                            f"{show(outcome.get('returned'))}")
    builtin_types = raised.get("builtin_types")
    if isinstance(builtin_types, list) and expected_type in builtin_types:
        return PASSED
    return Check(False, f"expected {expected_type} to be raised, got {raised.get('type', '?')}: "
                        f"{str(raised.get('message', ''))[:200]}")
