import numpy as np


def kmeans_step(X, centroids):
    """Moves a centroid to the running mean of its points as each point joins: later points see moved centroids."""
    k, d = centroids.shape
    if k == 0 or X.shape[1] != d:
        raise ValueError("bad shapes")
    current = centroids.astype(float)
    counts = np.zeros(k, dtype=int)
    labels = np.zeros(len(X), dtype=int)
    for i, x in enumerate(X):
        j = int(np.argmin(((current - x) ** 2).sum(axis=1)))
        labels[i] = j
        counts[j] += 1
        current[j] += (x - current[j]) / counts[j] if counts[j] > 1 else x - current[j]
    return labels, current
