def kmeans_step(X, centroids):
    """Point by point in plain Python: a strict < keeps the first of equal distances."""
    points = X.tolist()
    cents = centroids.tolist()
    k = len(cents)
    if k == 0:
        raise ValueError("need at least one centroid")
    d = len(cents[0])
    if X.shape[1] != d:
        raise ValueError("points and centroids have different dimensions")
    labels = []
    sums = [[0.0] * d for _ in range(k)]
    counts = [0] * k
    for p in points:
        best, best_dist = 0, None
        for j, c in enumerate(cents):
            dist = 0.0
            for t in range(d):
                diff = p[t] - c[t]
                dist += diff * diff
            if best_dist is None or dist < best_dist:
                best, best_dist = j, dist
        labels.append(best)
        counts[best] += 1
        for t in range(d):
            sums[best][t] += p[t]
    new_centroids = []
    for j in range(k):
        if counts[j] == 0:
            new_centroids.append(list(cents[j]))
        else:
            new_centroids.append([s / counts[j] for s in sums[j]])
    return labels, new_centroids
