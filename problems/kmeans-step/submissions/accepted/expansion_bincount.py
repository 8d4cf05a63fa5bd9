import numpy as np


def kmeans_step(X, centroids):
    """Squared distances as |x|^2 - 2 x.c + |c|^2 (one matrix product); sums per cluster with np.bincount."""
    k, d = centroids.shape
    if k == 0 or X.shape[1] != d:
        raise ValueError("need k >= 1 centroids of the points' dimension")
    sq = (X ** 2).sum(axis=1)[:, None] - 2 * X @ centroids.T + (centroids ** 2).sum(axis=1)[None, :]
    labels = np.argmin(sq, axis=1)
    counts = np.bincount(labels, minlength=k)
    sums = np.stack([np.bincount(labels, weights=X[:, t], minlength=k) for t in range(d)], axis=1)
    new_centroids = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], centroids)
    return labels, new_centroids
