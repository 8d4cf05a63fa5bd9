import numpy as np


def attention(q, k, v, mask=None):
    """Takes the softmax down each column (over the queries, axis 0) instead of along each row."""
    n_q, d = q.shape
    n_k = k.shape[0]
    if k.shape[1] != d or v.shape[0] != n_k:
        raise ValueError("shape mismatch")
    if mask is None:
        mask = np.ones((n_q, n_k), dtype=bool)
    if mask.shape != (n_q, n_k):
        raise ValueError("mask shape mismatch")
    scores = np.where(mask, q @ k.T / np.sqrt(d), -np.inf)
    m = np.max(scores, axis=0, keepdims=True)
    m[~np.isfinite(m)] = 0.0
    e = np.exp(scores - m)
    s = e.sum(axis=0, keepdims=True)
    s[s == 0] = 1.0
    return (e / s) @ v
