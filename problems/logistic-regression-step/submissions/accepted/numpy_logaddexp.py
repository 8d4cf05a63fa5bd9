import numpy as np


def sgd_step(w, b, X, y, lr, l2):
    """Vectorised: the loss as logaddexp(0, z) - y * z, the sigmoid from the same softplus."""
    n, d = X.shape
    if n == 0:
        raise ValueError("empty batch")
    if d != len(w):
        raise ValueError("X and w disagree on the number of features")
    if y.shape != (n,):
        raise ValueError("y must have one label per example")
    z = X @ w + b
    loss = np.mean(np.logaddexp(0, z) - y * z) + l2 / 2 * np.sum(w ** 2)
    p = np.exp(-np.logaddexp(0, -z))
    grad_w = X.T @ (p - y) / n + l2 * w
    grad_b = np.mean(p - y)
    return w - lr * grad_w, b - lr * grad_b, loss
