"""The complexity classes techscreen reports, fastest first, and their growth functions."""

import math

from server.problems.schema import COMPLEXITY_CLASSES

GROWTH = {
    "O(1)": lambda n: 0.0,
    "O(log n)": lambda n: math.log2(n) if n > 1 else 0.0,
    "O(n)": lambda n: float(n),
    "O(n log n)": lambda n: n * math.log2(n) if n > 1 else 0.0,
    "O(n^2)": lambda n: float(n) ** 2,
    "O(n^2 log n)": lambda n: float(n) ** 2 * math.log2(n) if n > 1 else 0.0,
    "O(n^3)": lambda n: float(n) ** 3,
    "O(2^n)": lambda n: 2.0 ** min(n, 1000),
}
assert tuple(GROWTH) == COMPLEXITY_CLASSES


def rank(complexity_class: str) -> int:
    """Position from fastest (0, ``O(1)``) to slowest."""
    return COMPLEXITY_CLASSES.index(complexity_class)
