import math


def cosine_similarity(a, b):
    """Correct, but recomputes both norms for every index: O(n^2)."""
    if len(a) != len(b):
        raise ValueError("length mismatch")
    if math.hypot(*a) == 0.0 or math.hypot(*b) == 0.0:
        return 0.0
    total = 0.0
    for i in range(len(a)):
        total += (a[i] / math.hypot(*a)) * (b[i] / math.hypot(*b))
    return total
