import math


def cosine_similarity(a, b):
    """Scales both vectors by ONE common maximum. Fine when a and b have
    similar magnitudes, but when one vector is far smaller than the other its
    scaled entries (or their squares) underflow to zero."""
    if len(a) != len(b):
        raise ValueError("length mismatch")
    m = max(max(map(abs, a), default=0.0), max(map(abs, b), default=0.0))
    if m == 0:
        return 0.0
    sa = [x / m for x in a]
    sb = [y / m for y in b]
    na = math.sqrt(sum(x * x for x in sa))
    nb = math.sqrt(sum(y * y for y in sb))
    if na == 0.0 or nb == 0.0:
        return 0.0
    return sum(x * y for x, y in zip(sa, sb)) / (na * nb)
