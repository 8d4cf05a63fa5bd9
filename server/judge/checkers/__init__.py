"""Checkers compare an expected value with a submission's, host-side.

One module per checker, each exposing ``check(expected, actual, spec)``;
problems name them in ``[checker] type``. ``exception`` is used for cases
that expect a raise, whatever the problem's checker.
"""

from server.judge.checkers import arrays, exact, exception, floats, unordered
from server.judge.checkers.base import Check

REGISTRY = {
    "exact": exact.check,
    "float": floats.check,
    "unordered": unordered.check,
    "array": arrays.check,
}
check_exception = exception.check

__all__ = ["REGISTRY", "Check", "check_exception"]
