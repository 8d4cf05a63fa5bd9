import numpy as np


def kmeans_step(X, centroids):
    """Labels collected in np.zeros(n): a float array, not the integer array the contract asks for."""
    k, d = centroids.shape
    if k == 0 or X.shape[1] != d:
        raise ValueError("bad shapes")
    labels = np.zeros(len(X))
    for i, x in enumerate(X):
        labels[i] = np.argmin(((centroids - x) ** 2).sum(axis=1))
    new_centroids = centroids.copy()
    for j in range(k):
        members = X[labels == j]
        if len(members) > 0:
            new_centroids[j] = members.mean(axis=0)
    return labels, new_centroids
