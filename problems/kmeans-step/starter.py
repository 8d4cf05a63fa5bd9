import numpy


def kmeans_step(X: numpy.ndarray, centroids: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """One k-means step: assign each point of X (n, d) to its nearest centroid (k, d), then move the centroids.

    Return (labels, new_centroids): labels an integer array of shape (n,), ties to the smallest
    centroid index; new_centroids (k, d), row j the mean of the points labelled j, or the old
    centroid j if no point is.

    Raise ValueError if k == 0 or X.shape[1] != centroids.shape[1].
    """
    raise NotImplementedError
