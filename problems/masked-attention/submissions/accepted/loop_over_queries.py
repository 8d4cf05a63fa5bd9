import math

import numpy as np


def attention(q, k, v, mask=None):
    """One query at a time: softmax over its allowed keys only."""
    if q.shape[1] != k.shape[1]:
        raise ValueError("q and k must have the same width")
    if k.shape[0] != v.shape[0]:
        raise ValueError("k and v must have the same number of rows")
    if mask is not None and mask.shape != (q.shape[0], k.shape[0]):
        raise ValueError("bad mask shape")
    out = np.zeros((q.shape[0], v.shape[1]))
    scale = 1.0 / math.sqrt(q.shape[1])
    for i in range(q.shape[0]):
        allowed = np.arange(k.shape[0]) if mask is None else np.flatnonzero(mask[i])
        if len(allowed) == 0:
            continue  # no key: the row stays zeros
        scores = k[allowed] @ q[i] * scale
        w = np.exp(scores - scores.max())
        w /= w.sum()
        out[i] = w @ v[allowed]
    return out
