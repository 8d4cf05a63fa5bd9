import numpy as np


def stable_sigmoid(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))


def sgd_step(w, b, X, y, lr, l2):
    """The textbook formulas, with the usual two-branch sigmoid and the max/log1p form of the loss."""
    if X.shape[0] == 0:
        raise ValueError("batch is empty")
    if X.shape[1] != w.shape[0] or y.shape != (X.shape[0],):
        raise ValueError("shape mismatch")
    n = X.shape[0]
    logits = X.dot(w) + b
    per_example = np.maximum(logits, 0) - logits * y + np.log1p(np.exp(-np.abs(logits)))
    loss = per_example.mean() + 0.5 * l2 * w.dot(w)
    residual = stable_sigmoid(logits) - y
    dw = X.T.dot(residual) / n + l2 * w
    db = residual.sum() / n
    w_new = w - lr * dw
    b_new = b - lr * db
    return w_new, float(b_new), float(loss)
