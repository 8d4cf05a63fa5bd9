import math


def cosine_similarity(a, b):
    """No length check: zip() silently truncates to the shorter vector
    instead of rejecting a length mismatch."""
    dot = sum(x * y for x, y in zip(a, b))
    norm_a = math.sqrt(sum(x * x for x in a))
    norm_b = math.sqrt(sum(y * y for y in b))
    if norm_a == 0 or norm_b == 0:
        return 0.0
    return dot / (norm_a * norm_b)
