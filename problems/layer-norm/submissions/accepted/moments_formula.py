import numpy as np


def layer_norm_backward(x, gamma, beta, dy, eps=1e-5):
    """var = E[x^2] - E[x]^2; dx through dL/dvar and dL/dmean, as in the paper's derivation."""
    if x.ndim != 2:
        raise ValueError("x must be 2-D")
    if dy.shape != x.shape:
        raise ValueError("dy must match x")
    d = x.shape[-1]
    if gamma.shape != (d,) or beta.shape != (d,):
        raise ValueError("gamma/beta must be (features,)")
    mean = x.mean(axis=-1, keepdims=True)
    var = (x ** 2).mean(axis=-1, keepdims=True) - mean ** 2
    std = np.sqrt(var + eps)
    x_hat = (x - mean) / std
    y = gamma * x_hat + beta

    dx_hat = dy * gamma
    dvar = np.sum(dx_hat * (x - mean) * -0.5 * std ** -3, axis=-1, keepdims=True)
    dmean = np.sum(-dx_hat / std, axis=-1, keepdims=True) + dvar * np.mean(-2.0 * (x - mean), axis=-1, keepdims=True)
    dx = dx_hat / std + dvar * 2.0 * (x - mean) / d + dmean / d
    return {"y": y, "dx": dx, "dgamma": np.sum(dy * x_hat, axis=0), "dbeta": np.sum(dy, axis=0)}
