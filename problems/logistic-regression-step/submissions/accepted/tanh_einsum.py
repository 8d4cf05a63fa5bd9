import numpy as np


def sgd_step(w, b, X, y, lr, l2):
    """sigmoid(z) = (1 + tanh(z / 2)) / 2 never overflows; the loss from log-sigmoids."""
    n = len(y)
    if X.ndim != 2 or X.shape[1] != len(w):
        raise ValueError("X must be (n, len(w))")
    if X.shape[0] != n or y.ndim != 1:
        raise ValueError("X and y disagree on n")
    if n == 0:
        raise ValueError("no examples")
    z = np.einsum("ij,j->i", X, w) + b
    log_p = -np.logaddexp(0.0, -z)        # log sigmoid(z)
    log_not_p = -np.logaddexp(0.0, z)     # log(1 - sigmoid(z))
    cross_entropy = -(y * log_p + (1 - y) * log_not_p)
    loss = cross_entropy.sum() / n + (l2 / 2) * np.dot(w, w)
    p = 0.5 * (1.0 + np.tanh(0.5 * z))
    diff = p - y
    grad_w = np.einsum("ij,i->j", X, diff) / n + l2 * w
    grad_b = diff.sum() / n
    return (w - lr * grad_w, b - lr * grad_b, loss)
