import numpy as np


def log_softmax(logits):
    x = np.asarray(logits, dtype=np.float64)
    if x.size == 0:
        raise ValueError("empty logits")
    if not np.all(np.isfinite(x)):
        raise ValueError("non-finite logit")
    shifted = x - x.max()
    return (shifted - np.log(np.exp(shifted).sum())).tolist()
