import math


def cosine_similarity(a, b):
    """Textbook formula in one loop: dot product and both sums of squares."""
    if len(a) != len(b):
        raise ValueError("length mismatch")
    dot = 0.0
    sa = 0.0
    sb = 0.0
    for x, y in zip(a, b):
        dot += x * y
        sa += x * x
        sb += y * y
    if sa == 0.0 or sb == 0.0:
        return 0.0
    return dot / (math.sqrt(sa) * math.sqrt(sb))
