import numpy as np


def softmax(x, axis=-1):
    m = np.max(x, axis=axis, keepdims=True)
    e = np.exp(x - m)
    return e / np.sum(e, axis=axis, keepdims=True)


def attention(q, k, v, mask=None):
    """-inf masking; an all-masked row comes out of the softmax as nan, which becomes 0."""
    if q.ndim != 2 or k.ndim != 2 or v.ndim != 2:
        raise ValueError("expected 2-D arrays")
    if q.shape[1] != k.shape[1] or k.shape[0] != v.shape[0]:
        raise ValueError("incompatible shapes")
    if mask is None:
        mask = np.full((q.shape[0], k.shape[0]), True)
    elif mask.shape != (q.shape[0], k.shape[0]):
        raise ValueError("incompatible mask")
    d_k = q.shape[-1]
    scores = np.matmul(q, k.T) / np.sqrt(d_k)
    scores[~mask] = -np.inf
    with np.errstate(invalid="ignore"):
        attn = softmax(scores, axis=-1)
    attn = np.nan_to_num(attn, nan=0.0)
    return attn @ v
