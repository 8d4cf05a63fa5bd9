import math


def attention(q, k, v, mask=None):
    """Plain Python over nested lists: a softmax over each query's allowed keys, then the weighted sum of values."""
    q, k, v = q.tolist(), k.tolist(), v.tolist()
    d = len(q[0])
    if any(len(row) != d for row in k) or len(v) != len(k):
        raise ValueError("shape mismatch")
    if mask is not None:
        if mask.shape != (len(q), len(k)):
            raise ValueError("mask shape mismatch")
        mask = mask.tolist()
    scale = 1.0 / math.sqrt(d)
    out = []
    for i, qi in enumerate(q):
        keys = [j for j in range(len(k)) if mask is None or mask[i][j]]
        if not keys:
            out.append([0.0] * len(v[0]))
            continue
        scores = [sum(a * b for a, b in zip(qi, k[j])) * scale for j in keys]
        m = max(scores)
        weights = [math.exp(s - m) for s in scores]
        total = sum(weights)
        row = [0.0] * len(v[0])
        for j, w in zip(keys, weights):
            for c, x in enumerate(v[j]):
                row[c] += w / total * x
        out.append(row)
    return out
