import numpy as np


def attention(q, k, v, mask=None):
    """Weight by weight: recomputes the row's softmax normaliser for every key, O(n_q * n_k^2)."""
    n_q, d = q.shape
    n_k = k.shape[0]
    if k.shape[1] != d or v.shape[0] != n_k:
        raise ValueError("shape mismatch")
    if mask is None:
        mask = np.ones((n_q, n_k), dtype=bool)
    if mask.shape != (n_q, n_k):
        raise ValueError("mask shape mismatch")
    scores = q @ k.T / np.sqrt(d)
    out = np.zeros((n_q, v.shape[1]))
    for i in range(n_q):
        if not mask[i].any():
            continue
        allowed = scores[i][mask[i]]
        m = allowed.max()
        for j in range(n_k):
            if mask[i, j]:
                weight = np.exp(scores[i, j] - m) / np.exp(allowed - m).sum()
                out[i] += weight * v[j]
    return out
