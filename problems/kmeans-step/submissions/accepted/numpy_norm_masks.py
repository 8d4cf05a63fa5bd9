import numpy as np


def kmeans_step(X, centroids):
    """Distances by broadcasting and np.linalg.norm, the means by boolean masks."""
    if len(centroids) == 0:
        raise ValueError("no centroids")
    if X.shape[1] != centroids.shape[1]:
        raise ValueError("dimension mismatch")
    distances = np.linalg.norm(X[:, np.newaxis, :] - centroids[np.newaxis, :, :], axis=2)
    labels = distances.argmin(axis=1)
    new_centroids = centroids.copy()
    for j in range(len(centroids)):
        mask = labels == j
        if mask.any():
            new_centroids[j] = X[mask].mean(axis=0)
    return labels, new_centroids
