import math

import numpy as np


def kmeans_step(X, centroids):
    """min(range(k), key=distance) returns the first smallest index; np.mean over each cluster's members."""
    k = centroids.shape[0]
    if k == 0:
        raise ValueError("k must be positive")
    if X.shape[1] != centroids.shape[1]:
        raise ValueError("X and centroids must have the same number of columns")
    labels = np.array([min(range(k), key=lambda j: math.dist(x, centroids[j])) for x in X], dtype=int)
    clusters = {j: [] for j in range(k)}
    for x, label in zip(X, labels):
        clusters[label].append(x)
    new_centroids = np.array([np.mean(clusters[j], axis=0) if clusters[j] else centroids[j] for j in range(k)])
    return labels, new_centroids
