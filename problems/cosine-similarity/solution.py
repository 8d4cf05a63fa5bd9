"""Reference solution for cosine-similarity."""

import math
import operator


def cosine_similarity(a, b):
    """Return the cosine of the angle between vectors a and b.

    Raises ValueError if the vectors have different lengths. Returns 0.0 if
    either vector has zero norm (this includes two empty vectors).

    Each vector is first divided by its own largest absolute entry, so every
    scaled entry lies in [-1, 1] and at least one is exactly +-1. Squares and
    products of the scaled entries can then neither overflow nor underflow in
    a way that matters, and cosine similarity is unchanged by positive
    scaling. O(n) time, O(n) extra memory.
    """
    if len(a) != len(b):
        raise ValueError(f"length mismatch: {len(a)} != {len(b)}")
    scale_a = max(map(abs, a), default=0)
    scale_b = max(map(abs, b), default=0)
    if scale_a == 0 or scale_b == 0:
        return 0.0
    sa = [x / scale_a for x in a]
    sb = [y / scale_b for y in b]
    dot = sum(map(operator.mul, sa, sb))
    norm_a = math.sqrt(sum(x * x for x in sa))  # >= 1: the largest entry is +-1
    norm_b = math.sqrt(sum(y * y for y in sb))
    result = dot / (norm_a * norm_b)
    return float(min(1.0, max(-1.0, result)))
