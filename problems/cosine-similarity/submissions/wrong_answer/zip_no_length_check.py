import math


def cosine_similarity(a, b):
    """Numerically careful, but zip() silently truncates to the shorter
    vector instead of rejecting a length mismatch."""
    pairs = list(zip(a, b))
    sa = max((abs(x) for x, _ in pairs), default=0.0)
    sb = max((abs(y) for _, y in pairs), default=0.0)
    if sa == 0 or sb == 0:
        return 0.0
    dot = sum((x / sa) * (y / sb) for x, y in pairs)
    na = math.sqrt(sum((x / sa) ** 2 for x, _ in pairs))
    nb = math.sqrt(sum((y / sb) ** 2 for _, y in pairs))
    return dot / (na * nb)
