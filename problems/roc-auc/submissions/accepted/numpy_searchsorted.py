import numpy as np


def roc_auc(labels, scores):
    """NumPy: sort the negative scores; for each positive, searchsorted gives
    how many negatives are strictly below (left) and tied (right - left)."""
    if len(labels) != len(scores):
        raise ValueError("length mismatch")
    y = np.asarray(labels)
    if y.size and not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 0/1")
    s = np.asarray(scores, dtype=np.float64)
    pos = s[y == 1]
    neg = np.sort(s[y == 0])
    if pos.size == 0 or neg.size == 0:
        raise ValueError("need both classes")
    below = np.searchsorted(neg, pos, side="left")
    upto = np.searchsorted(neg, pos, side="right")
    twice_u = int(np.sum(below + upto, dtype=np.int64))  # 2*below + (upto - below)
    return twice_u / (2 * pos.size * neg.size)
