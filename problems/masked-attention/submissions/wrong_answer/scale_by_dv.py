import numpy as np


def attention(q, k, v, mask=None):
    """Scales by the square root of the value width d_v instead of d."""
    n_q, d = q.shape
    n_k, d_v = v.shape
    if k.shape != (n_k, d):
        raise ValueError("shape mismatch")
    if mask is None:
        mask = np.ones((n_q, n_k), dtype=bool)
    if mask.shape != (n_q, n_k):
        raise ValueError("mask shape mismatch")
    scores = np.where(mask, q @ k.T / np.sqrt(d_v), -np.inf)
    has_key = mask.any(axis=1)
    m = np.max(scores, axis=1, keepdims=True)
    m[~has_key] = 0.0
    e = np.exp(scores - m)
    s = e.sum(axis=1, keepdims=True)
    s[~has_key] = 1.0
    return (e / s) @ v
