import numpy as np
from numpy.linalg import norm


def cosine_similarity(a, b):
    x = np.asarray(a, dtype=float)
    y = np.asarray(b, dtype=float)
    if x.shape != y.shape:
        raise ValueError("lengths differ")
    scale = norm(x) * norm(y)
    return 0.0 if scale == 0 else float(x @ y / scale)


def softmax(z):
    shifted = np.asarray(z, dtype=float) - np.max(z)
    exp = np.exp(shifted)
    exp /= exp.sum()
    return exp.tolist()
