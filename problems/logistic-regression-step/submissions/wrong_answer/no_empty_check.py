import numpy as np


def sgd_step(w, b, X, y, lr, l2):
    """No check for n == 0: the means of nothing are NaN (with a warning), not a ValueError."""
    n, d = X.shape
    if d != len(w) or y.shape != (n,):
        raise ValueError("shape mismatch")
    z = X @ w + b
    loss = np.mean(np.logaddexp(0, z) - y * z) + l2 / 2 * (w @ w)
    p = np.exp(-np.logaddexp(0, -z))
    grad_w = X.T @ (p - y) / max(n, 1) + l2 * w
    grad_b = np.mean(p - y)
    return w - lr * grad_w, b - lr * grad_b, loss
