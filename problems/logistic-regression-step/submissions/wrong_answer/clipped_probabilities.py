import numpy as np

EPS = 1e-15


def sgd_step(w, b, X, y, lr, l2):
    """Clips p to [eps, 1 - eps] before the log, as many loss functions do: no infinity, but the loss is capped."""
    n, d = X.shape
    if n == 0 or d != len(w) or y.shape != (n,):
        raise ValueError("bad batch")
    z = X @ w + b
    p = 1 / (1 + np.exp(-z))
    q = np.clip(p, EPS, 1 - EPS)
    loss = -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q)) + l2 / 2 * (w @ w)
    grad_w = X.T @ (p - y) / n + l2 * w
    grad_b = np.mean(p - y)
    return w - lr * grad_w, b - lr * grad_b, loss
