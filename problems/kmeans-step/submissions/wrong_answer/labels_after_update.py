import numpy as np


def nearest(X, centroids):
    return ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)


def kmeans_step(X, centroids):
    """Updates the centroids, then returns the labels of the moved centroids, not of the given ones."""
    k, d = centroids.shape
    if k == 0 or X.shape[1] != d:
        raise ValueError("bad shapes")
    labels = nearest(X, centroids)
    new_centroids = centroids.copy()
    for j in range(k):
        if (labels == j).any():
            new_centroids[j] = X[labels == j].mean(axis=0)
    return nearest(X, new_centroids), new_centroids
