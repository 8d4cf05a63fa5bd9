"""Reference solution for kmeans-step."""

import numpy


def kmeans_step(X, centroids):
    """One step of Lloyd's k-means: assign every point, then move every centroid.

    Assignment: labels[i] is the index of the centroid nearest to X[i] in
    Euclidean distance, compared as squared distances (same order, no sqrt),
    computed directly as sum((x - c)**2) for all points and centroids at once
    by broadcasting. numpy.argmin returns the first of equal minima, so a tie
    goes to the smallest centroid index.

    Update: new_centroids[j] is the mean of the points assigned to j; a
    cluster with no points keeps its old centroid instead of becoming the
    mean of nothing (NaN). Every distance is taken to the given centroids:
    nothing moves until every point is assigned.

    Returns (labels as int64 of shape (n,), new_centroids as float64 (k, d)).
    Raises ValueError if there are no centroids or the dimensions differ.
    O(n * k * d) time and memory.
    """
    k, d = centroids.shape
    if k == 0:
        raise ValueError("at least one centroid is needed")
    if X.shape[1] != d:
        raise ValueError(f"points have dimension {X.shape[1]}, centroids {d}")
    squared = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    labels = numpy.argmin(squared, axis=1)
    new_centroids = centroids.astype(numpy.float64)  # a copy: empty clusters keep their centroid
    for j in range(k):
        members = X[labels == j]
        if len(members):
            new_centroids[j] = members.mean(axis=0)
    return labels, new_centroids
