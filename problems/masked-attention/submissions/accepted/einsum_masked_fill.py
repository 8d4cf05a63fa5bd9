import numpy as np


def attention(q, k, v, mask=None):
    """The PyTorch habit: masked_fill with a huge negative number, then zero the fully masked rows."""
    n_q, d = q.shape
    n_k, d2 = k.shape
    if d != d2:
        raise ValueError(f"d mismatch {d} vs {d2}")
    if v.shape[0] != n_k:
        raise ValueError("v must have n_k rows")
    if mask is not None and mask.shape != (n_q, n_k):
        raise ValueError("mask must be (n_q, n_k)")
    scores = np.einsum("id,jd->ij", q, k) / np.sqrt(d)
    if mask is not None:
        scores = scores.copy()
        scores[~mask] = -1e9
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights = weights / weights.sum(axis=-1, keepdims=True)
    out = np.einsum("ij,jd->id", weights, v)
    if mask is not None:
        out[~mask.any(axis=-1)] = 0.0
    return out
