import numpy as np


def layer_norm_backward(x, gamma, beta, dy, eps=1e-5):
    """Batch norm by mistake: the statistics over the batch (axis 0) instead of each row's features."""
    if x.ndim != 2 or dy.shape != x.shape:
        raise ValueError("x and dy must be 2-D with the same shape")
    if gamma.shape != (x.shape[1],) or beta.shape != (x.shape[1],):
        raise ValueError("gamma and beta must have one entry per feature")
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    x_hat = (x - mean) / np.sqrt(var + eps)
    y = gamma * x_hat + beta
    g = dy * gamma
    dx = (g - g.mean(axis=0) - x_hat * (g * x_hat).mean(axis=0)) / np.sqrt(var + eps)
    return {"y": y, "dx": dx, "dgamma": (dy * x_hat).sum(axis=0), "dbeta": dy.sum(axis=0)}
