import numpy as np


def attention(q, k, v, mask=None):
    """Reads the mask the way PyTorch's key_padding_mask does: True means the key is blocked."""
    n_q, d = q.shape
    n_k = k.shape[0]
    if k.shape[1] != d or v.shape[0] != n_k:
        raise ValueError("shape mismatch")
    if mask is None:
        mask = np.zeros((n_q, n_k), dtype=bool)
    if mask.shape != (n_q, n_k):
        raise ValueError("mask shape mismatch")
    scores = np.where(mask, -np.inf, q @ k.T / np.sqrt(d))
    blocked = mask.all(axis=1)
    m = np.max(scores, axis=1, keepdims=True)
    m[blocked] = 0.0
    e = np.exp(scores - m)
    s = e.sum(axis=1, keepdims=True)
    s[blocked] = 1.0
    return (e / s) @ v
