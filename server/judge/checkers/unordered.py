"""The ``unordered`` checker: a list compared as a multiset of exact values."""

import collections
import json

from server.judge.checkers.base import PASSED, Check, show
from server.judge.checkers.exact import check as exact_check


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, allow_nan=True)


def check(expected, actual, spec=None) -> Check:
    """The same items with the same multiplicities, in any order."""
    if not isinstance(expected, list) or not isinstance(actual, list):
        return exact_check(expected, actual)
    want = collections.Counter(_canonical(item) for item in expected)
    got = collections.Counter(_canonical(item) for item in actual)
    if want == got:
        return PASSED
    missing = list((want - got).elements())[:5]
    extra = list((got - want).elements())[:5]
    parts = []
    if missing:
        parts.append("missing " + show([json.loads(item) for item in missing]))
    if extra:
        parts.append("unexpected " + show([json.loads(item) for item in extra]))
    return Check(False, f"expected {len(expected)} items in any order, got {len(actual)}: " + "; ".join(parts))
