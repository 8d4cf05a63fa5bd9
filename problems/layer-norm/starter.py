import numpy as np


def layer_norm_backward(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, dy: np.ndarray,
                        eps: float = 1e-5) -> dict:
    """Layer normalisation over the last axis, forward and backward.

    x and dy: (batch, features) float64 arrays; gamma and beta: (features,).
    Each row is normalised with its own mean and population variance:
    x_hat = (x - mean) / sqrt(var + eps), y = gamma * x_hat + beta.
    dy is the gradient of a loss with respect to y.

    Return {"y": y, "dx": dL/dx, "dgamma": dL/dgamma, "dbeta": dL/dbeta}.
    Raise ValueError if the shapes do not fit together.
    """
    raise NotImplementedError
