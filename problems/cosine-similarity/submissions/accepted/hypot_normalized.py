import math


def cosine_similarity(a, b):
    """math.hypot computes each norm without overflow or underflow; the dot
    product is taken over the unit vectors, so it cannot overflow either."""
    if len(a) != len(b):
        raise ValueError("length mismatch")
    na = math.hypot(*a)
    nb = math.hypot(*b)
    if na == 0.0 or nb == 0.0:
        return 0.0
    return math.fsum((x / na) * (y / nb) for x, y in zip(a, b))
