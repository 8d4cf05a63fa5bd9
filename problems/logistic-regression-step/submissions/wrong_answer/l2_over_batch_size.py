import numpy as np


def sgd_step(w, b, X, y, lr, l2):
    """The (lambda / 2m) * ||w||^2 convention of some courses: the penalty divided by n."""
    n, d = X.shape
    if n == 0 or d != len(w) or y.shape != (n,):
        raise ValueError("bad batch")
    z = X @ w + b
    loss = np.mean(np.logaddexp(0, z) - y * z) + l2 / (2 * n) * (w @ w)
    p = np.exp(-np.logaddexp(0, -z))
    grad_w = (X.T @ (p - y) + l2 * w) / n
    grad_b = np.mean(p - y)
    return w - lr * grad_w, b - lr * grad_b, loss
