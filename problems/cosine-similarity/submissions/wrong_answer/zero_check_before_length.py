import math


def cosine_similarity(a, b):
    """Returns 0.0 for a zero (or empty) vector before checking the lengths,
    so [0, 0, 0] vs [0, 0] and [] vs [1] give 0.0 instead of ValueError."""
    if not any(a) or not any(b):
        return 0.0
    if len(a) != len(b):
        raise ValueError("length mismatch")
    dot = sum(x * y for x, y in zip(a, b))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))
