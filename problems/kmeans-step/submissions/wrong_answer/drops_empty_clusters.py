import numpy as np


def kmeans_step(X, centroids):
    """New centroids only for the clusters that occur (np.unique): an empty cluster's row disappears."""
    if len(centroids) == 0 or X.shape[1] != centroids.shape[1]:
        raise ValueError("bad shapes")
    labels = np.argmin(((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2), axis=1)
    new_centroids = np.array([X[labels == j].mean(axis=0) for j in np.unique(labels)])
    return labels, new_centroids.reshape(-1, centroids.shape[1])
