import math


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def softplus(z):
    """log(1 + exp(z)) without overflow."""
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def sgd_step(w, b, X, y, lr, l2):
    """Example by example with the math module."""
    n = len(X)
    d = len(w)
    if n == 0:
        raise ValueError("empty batch")
    if len(y) != n:
        raise ValueError("labels do not match the batch")
    rows = X.tolist()
    weights = [float(v) for v in w]
    labels = [int(v) for v in y]
    if len(rows[0]) != d:
        raise ValueError("feature count mismatch")
    total = 0.0
    grad_w = [0.0] * d
    grad_b = 0.0
    for row, label in zip(rows, labels):
        z = b
        for j in range(d):
            z += row[j] * weights[j]
        total += softplus(z) - label * z
        err = sigmoid(z) - label
        grad_b += err
        for j in range(d):
            grad_w[j] += err * row[j]
    loss = total / n + 0.5 * l2 * sum(v * v for v in weights)
    new_w = [weights[j] - lr * (grad_w[j] / n + l2 * weights[j]) for j in range(d)]
    new_b = b - lr * grad_b / n
    return new_w, new_b, loss
