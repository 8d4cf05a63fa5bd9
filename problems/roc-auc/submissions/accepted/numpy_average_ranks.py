import numpy as np


def roc_auc(labels, scores):
    if len(labels) != len(scores):
        raise ValueError("length mismatch")
    y = np.asarray(labels)
    s = np.asarray(scores, dtype=float)
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("labels must be 0 or 1")
    n_pos = int(np.sum(y == 1))
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("both classes are needed")
    # average ranks (1-based) with ties sharing the mean of their ranks
    uniq, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)
    upper = np.cumsum(counts)
    average_rank = upper - (counts - 1) / 2.0
    ranks = average_rank[inverse]
    u = ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2.0
    return float(u / (n_pos * n_neg))
