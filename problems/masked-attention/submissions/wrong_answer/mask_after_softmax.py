import numpy as np


def attention(q, k, v, mask=None):
    """Zeroes the masked weights after the softmax without renormalising the rest."""
    n_q, d = q.shape
    n_k = k.shape[0]
    if k.shape[1] != d or v.shape[0] != n_k:
        raise ValueError("shape mismatch")
    if mask is not None and mask.shape != (n_q, n_k):
        raise ValueError("mask shape mismatch")
    scores = q @ k.T / np.sqrt(d)
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights = e / e.sum(axis=1, keepdims=True)
    if mask is not None:
        weights = weights * mask
    return weights @ v
