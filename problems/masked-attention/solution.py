"""Reference solution for masked-attention."""

import numpy as np


def attention(q, k, v, mask=None):
    """Masked scaled dot-product attention: softmax(q k^T / sqrt(d)) v over the keys each query may attend to.

    Masked scores become -inf before the softmax, so their weights are exactly
    0 and the others are renormalised among themselves. Each row is shifted by
    its largest allowed score first (the log-sum-exp trick), so every exponent
    is <= 0: no overflow, and the row's largest term is exactly 1. A row with
    no allowed key has no maximum; its shift is taken as 0, all its weights
    are exp(-inf) = 0, and its output row is zeros.

    Raises ValueError when the shapes do not fit together.
    O(n_q * n_k * (d + d_v)) time, O(n_q * n_k) extra memory.
    """
    n_q, d = q.shape
    n_k, d_k = k.shape
    if d_k != d:
        raise ValueError(f"q has {d} features per row but k has {d_k}")
    if v.shape[0] != n_k:
        raise ValueError(f"k has {n_k} rows but v has {v.shape[0]}")
    if mask is None:
        mask = np.ones((n_q, n_k), dtype=bool)
    elif mask.shape != (n_q, n_k):
        raise ValueError(f"mask has shape {mask.shape}, expected {(n_q, n_k)}")
    scores = np.where(mask, q @ k.T / np.sqrt(d), -np.inf)
    row_max = scores.max(axis=1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)  # rows with no allowed key
    weights = np.exp(scores - row_max)
    totals = weights.sum(axis=1, keepdims=True)
    weights = weights / np.where(totals > 0, totals, 1.0)  # all-masked rows stay zeros
    return weights @ v
