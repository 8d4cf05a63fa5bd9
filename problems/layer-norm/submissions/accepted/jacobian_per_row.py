import numpy as np


def layer_norm_backward(x, gamma, beta, dy, eps=1e-5):
    """The Jacobian of x_hat with respect to each row, (I - 1/F - x_hat x_hat^T / F) / std, applied to dy * gamma."""
    if x.ndim != 2 or dy.shape != x.shape or gamma.shape != (x.shape[1],) or beta.shape != (x.shape[1],):
        raise ValueError("shape mismatch")
    F = x.shape[1]
    mean = np.mean(x, axis=1, keepdims=True)
    var = np.var(x, axis=1, keepdims=True)
    std = np.sqrt(var + eps)
    x_hat = (x - mean) / std
    dx = np.empty_like(x)
    for i in range(x.shape[0]):
        jac = (np.eye(F) - 1.0 / F - np.outer(x_hat[i], x_hat[i]) / F) / std[i]
        dx[i] = jac.T @ (dy[i] * gamma)
    return {"y": gamma * x_hat + beta, "dx": dx, "dgamma": (dy * x_hat).sum(0), "dbeta": dy.sum(0)}
