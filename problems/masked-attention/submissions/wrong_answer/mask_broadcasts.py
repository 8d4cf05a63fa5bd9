import numpy as np


def attention(q, k, v, mask=None):
    """Correct, but lets NumPy broadcast a mask of the wrong shape instead of raising ValueError."""
    n_q, d = q.shape
    n_k = k.shape[0]
    if k.shape[1] != d or v.shape[0] != n_k:
        raise ValueError("shape mismatch")
    scores = q @ k.T / np.sqrt(d)
    if mask is None:
        mask = np.ones_like(scores, dtype=bool)
    mask = np.broadcast_to(mask, scores.shape)
    scores = np.where(mask, scores, -np.inf)
    has_key = mask.any(axis=1)
    m = np.max(scores, axis=1, keepdims=True)
    m[~has_key] = 0.0
    e = np.exp(scores - m)
    s = e.sum(axis=1, keepdims=True)
    s[~has_key] = 1.0
    return (e / s) @ v
