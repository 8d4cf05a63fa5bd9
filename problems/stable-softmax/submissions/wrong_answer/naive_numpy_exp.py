import numpy as np


def log_softmax(logits):
    """Textbook formula without the max shift. NumPy does not raise on
    overflow: exp(1000) is inf, inf / inf is nan, and exp(-1000) is 0, so
    0 / 0 is nan too. The answers are nan or -inf for large logits."""
    x = np.asarray(logits, dtype=np.float64)
    if x.size == 0 or not np.all(np.isfinite(x)):
        raise ValueError("bad logits")
    e = np.exp(x)
    return np.log(e / e.sum()).tolist()
