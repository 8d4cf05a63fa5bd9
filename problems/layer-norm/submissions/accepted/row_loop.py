import math

import numpy as np


def layer_norm_backward(x, gamma, beta, dy, eps=1e-5):
    """Row by row in plain Python, accumulating dgamma and dbeta across rows."""
    if len(x.shape) != 2 or x.shape != dy.shape:
        raise ValueError("bad x/dy shapes")
    n, f = x.shape
    if gamma.shape != (f,) or beta.shape != (f,):
        raise ValueError("bad gamma/beta shapes")
    xs, dys, gs, bs = x.tolist(), dy.tolist(), gamma.tolist(), beta.tolist()
    y, dx = [], []
    dgamma, dbeta = [0.0] * f, [0.0] * f
    for row, drow in zip(xs, dys):
        mean = sum(row) / f
        var = sum((v - mean) ** 2 for v in row) / f
        inv = 1.0 / math.sqrt(var + eps)
        xhat = [(v - mean) * inv for v in row]
        y.append([gs[j] * xhat[j] + bs[j] for j in range(f)])
        g = [drow[j] * gs[j] for j in range(f)]
        g_mean = sum(g) / f
        gx_mean = sum(g[j] * xhat[j] for j in range(f)) / f
        dx.append([(g[j] - g_mean - xhat[j] * gx_mean) * inv for j in range(f)])
        for j in range(f):
            dgamma[j] += drow[j] * xhat[j]
            dbeta[j] += drow[j]
    return {"y": np.array(y), "dx": np.array(dx), "dgamma": np.array(dgamma), "dbeta": np.array(dbeta)}
