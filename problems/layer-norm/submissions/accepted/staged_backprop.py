import numpy as np


def layer_norm_backward(x, gamma, beta, dy, eps=1e-5):
    """Forward keeping the intermediates, then the chain rule back through each of them (cs231n style)."""
    if x.ndim != 2 or dy.shape != x.shape:
        raise ValueError("x and dy must be 2-D with the same shape")
    N, D = x.shape
    if gamma.shape != (D,) or beta.shape != (D,):
        raise ValueError("gamma and beta must have shape (D,)")
    mu = np.mean(x, axis=1, keepdims=True)
    xmu = x - mu
    var = np.mean(xmu ** 2, axis=1, keepdims=True)
    sqrtvar = np.sqrt(var + eps)
    ivar = 1.0 / sqrtvar
    xhat = xmu * ivar
    out = gamma * xhat + beta

    dbeta = np.sum(dy, axis=0)
    dgamma = np.sum(dy * xhat, axis=0)
    dxhat = dy * gamma
    divar = np.sum(dxhat * xmu, axis=1, keepdims=True)
    dxmu1 = dxhat * ivar
    dsqrtvar = -1.0 / (sqrtvar ** 2) * divar
    dvar = 0.5 / np.sqrt(var + eps) * dsqrtvar
    dsq = np.ones((N, D)) / D * dvar
    dxmu2 = 2 * xmu * dsq
    dx1 = dxmu1 + dxmu2
    dmu = -np.sum(dx1, axis=1, keepdims=True)
    dx2 = np.ones((N, D)) / D * dmu
    dx = dx1 + dx2
    return {"y": out, "dx": dx, "dgamma": dgamma, "dbeta": dbeta}
