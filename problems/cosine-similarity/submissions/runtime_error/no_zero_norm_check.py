import math


def cosine_similarity(a, b):
    """Forgets the zero-norm rule: ZeroDivisionError on a zero vector."""
    if len(a) != len(b):
        raise ValueError("length mismatch")
    na = math.hypot(*a)
    nb = math.hypot(*b)
    return sum((x / na) * (y / nb) for x, y in zip(a, b))
