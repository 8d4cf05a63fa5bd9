import numpy as np


def sgd_step(w, b, X, y, lr, l2):
    """The formulas typed in literally: log(p) and log(1 - p) become log(0) for confident logits."""
    n, d = X.shape
    if n == 0 or d != len(w) or y.shape != (n,):
        raise ValueError("bad batch")
    z = X @ w + b
    p = 1 / (1 + np.exp(-z))
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + l2 / 2 * (w @ w)
    grad_w = X.T @ (p - y) / n + l2 * w
    grad_b = np.mean(p - y)
    return w - lr * grad_w, b - lr * grad_b, loss
