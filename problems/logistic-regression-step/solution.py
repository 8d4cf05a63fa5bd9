"""Reference solution for logistic-regression-step."""

import numpy


def sgd_step(w, b, X, y, lr, l2):
    """One mini-batch gradient-descent step of L2-regularised logistic regression.

    With logits z = X @ w + b, the batch loss is

        L(w, b) = mean_i [log(1 + exp(z_i)) - y_i * z_i] + (l2 / 2) * ||w||^2,

    the mean cross-entropy written in log space: log(1 + exp(z)) is
    numpy.logaddexp(0, z), which neither overflows for large z nor takes
    log(0) for very negative z. Its gradient is

        dL/dw = X.T @ (p - y) / n + l2 * w,    dL/db = mean(p - y),

    where p = sigmoid(z) = exp(-log(1 + exp(-z))), again through logaddexp so
    no exponential overflows. The bias is not regularised.

    Returns (new_w, new_b, loss) with new_w = w - lr * dL/dw,
    new_b = b - lr * dL/db and loss = L(w, b) before the step.
    Raises ValueError for an empty batch or mismatched shapes.
    O(n * d) time for n examples of d features.
    """
    n, d = X.shape
    if d != w.shape[0]:
        raise ValueError(f"X has {d} features but w has {w.shape[0]}")
    if y.shape != (n,):
        raise ValueError(f"y has shape {y.shape}, expected ({n},)")
    if n == 0:
        raise ValueError("the batch is empty")
    z = X @ w + b
    loss = numpy.mean(numpy.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w @ w)
    error = numpy.exp(-numpy.logaddexp(0.0, -z)) - y  # sigmoid(z) - y
    grad_w = X.T @ error / n + l2 * w
    grad_b = numpy.mean(error)
    return w - lr * grad_w, float(b - lr * grad_b), float(loss)
