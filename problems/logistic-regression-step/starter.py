import numpy


def sgd_step(w: numpy.ndarray, b: float, X: numpy.ndarray, y: numpy.ndarray,
             lr: float, l2: float) -> tuple[numpy.ndarray, float, float]:
    """One gradient-descent step of L2-regularised logistic regression on the batch (X, y).

    loss = mean cross-entropy of sigmoid(X @ w + b) against y + (l2 / 2) * ||w||^2
    (the bias is not regularised). Return (new_w, new_b, loss), where loss is taken
    before the step. Must stay accurate for logits up to 1000 in magnitude.

    Raise ValueError if X.shape[1] != len(w), y.shape != (n,), or n == 0.
    """
    raise NotImplementedError
