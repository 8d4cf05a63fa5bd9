import numpy as np


def cosine_similarity(a, b):
    """NumPy version: scale each vector by its largest absolute entry."""
    if len(a) != len(b):
        raise ValueError("vectors must have the same length")
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    if x.size == 0:
        return 0.0
    mx = np.max(np.abs(x))
    my = np.max(np.abs(y))
    if mx == 0.0 or my == 0.0:
        return 0.0
    x = x / mx
    y = y / my
    return float(np.dot(x, y) / (np.linalg.norm(x) * np.linalg.norm(y)))
