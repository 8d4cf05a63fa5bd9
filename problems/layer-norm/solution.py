"""Reference solution for layer-norm."""

import numpy as np


def layer_norm_backward(x, gamma, beta, dy, eps=1e-5):
    """Layer normalisation of each row of x, and the gradients of a loss L given dy = dL/dy.

    Forward, per row: mean and population variance over the features,
    x_hat = (x - mean) / sqrt(var + eps), y = gamma * x_hat + beta.

    Backward: dbeta and dgamma sum over the batch (gamma and beta are shared
    by every row). For dx, with g = dy * gamma = dL/dx_hat and F features,
    every x_hat of a row depends on every x of that row through the mean and
    the variance, which gives

        dx = (g - mean(g) - x_hat * mean(g * x_hat)) / sqrt(var + eps)

    (means over the row's features). O(batch * features) time and memory.
    """
    if x.ndim != 2 or dy.shape != x.shape:
        raise ValueError(f"x and dy must have the same 2-D shape, got {x.shape} and {dy.shape}")
    features = x.shape[1]
    if gamma.shape != (features,) or beta.shape != (features,):
        raise ValueError(f"gamma and beta must have shape ({features},), got {gamma.shape} and {beta.shape}")
    mean = x.mean(axis=1, keepdims=True)
    centred = x - mean
    inv_std = 1.0 / np.sqrt((centred * centred).mean(axis=1, keepdims=True) + eps)
    x_hat = centred * inv_std
    g = dy * gamma
    dx = (g - g.mean(axis=1, keepdims=True) - x_hat * (g * x_hat).mean(axis=1, keepdims=True)) * inv_std
    return {"y": gamma * x_hat + beta, "dx": dx, "dgamma": (dy * x_hat).sum(axis=0), "dbeta": dy.sum(axis=0)}
