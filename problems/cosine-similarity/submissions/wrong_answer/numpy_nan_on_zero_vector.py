import numpy as np


def cosine_similarity(a, b):
    """NumPy without the zero-norm rule: 0 / 0 is nan (with a warning), not 0.0."""
    if len(a) != len(b):
        raise ValueError("length mismatch")
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))
