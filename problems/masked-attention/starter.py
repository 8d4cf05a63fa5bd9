import numpy as np


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
    """Masked scaled dot-product attention.

    q: (n_q, d), k: (n_k, d), v: (n_k, d_v) float64 arrays; mask: (n_q, n_k)
    bool array, True where query i may attend to key j, or None (attend to all).
    Return the (n_q, d_v) float64 array softmax(q k^T / sqrt(d)) v, the softmax
    taken over each query's allowed keys only; a query with no allowed key
    gets a row of zeros.

    Raise ValueError if the shapes do not fit together.
    """
    raise NotImplementedError
