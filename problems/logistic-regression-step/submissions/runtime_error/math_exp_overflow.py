import math


def sgd_step(w, b, X, y, lr, l2):
    """A clean loop with the textbook sigmoid: math.exp(-z) raises OverflowError once z < -709.78."""
    n, d = X.shape
    if n == 0 or d != len(w) or y.shape != (n,):
        raise ValueError("bad batch")
    loss = 0.0
    grad_w = [0.0] * d
    grad_b = 0.0
    for i in range(n):
        z = b + sum(X[i][j] * w[j] for j in range(d))
        p = 1.0 / (1.0 + math.exp(-z))
        loss += math.log1p(math.exp(z)) - y[i] * z if z < 30 else z - y[i] * z
        grad_b += p - y[i]
        for j in range(d):
            grad_w[j] += (p - y[i]) * X[i][j]
    loss = loss / n + l2 / 2 * sum(v * v for v in w)
    new_w = [w[j] - lr * (grad_w[j] / n + l2 * w[j]) for j in range(d)]
    return new_w, b - lr * grad_b / n, loss
