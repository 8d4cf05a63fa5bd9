"""Reference solution for cosine-similarity."""

import math


def cosine_similarity(a, b):
    """Return the cosine of the angle between vectors a and b.

    Raises ValueError if the vectors have different lengths. Returns 0.0 if
    either vector has zero norm (this includes two empty vectors).

    Entries are at most 1e6 in absolute value, so no product or square
    overflows; math.fsum keeps the three sums correctly rounded, which makes
    the reference as accurate as a double allows. O(n) time, O(1) extra
    memory beyond the generators.
    """
    if len(a) != len(b):
        raise ValueError(f"length mismatch: {len(a)} != {len(b)}")
    norm_a = math.sqrt(math.fsum(x * x for x in a))
    norm_b = math.sqrt(math.fsum(y * y for y in b))
    if norm_a == 0.0 or norm_b == 0.0:
        return 0.0
    dot = math.fsum(x * y for x, y in zip(a, b))
    return max(-1.0, min(1.0, dot / (norm_a * norm_b)))
