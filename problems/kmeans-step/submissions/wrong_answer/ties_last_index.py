def kmeans_step(X, centroids):
    """A loop with <=: of equal distances the last centroid wins."""
    k, d = centroids.shape
    if k == 0 or X.shape[1] != d:
        raise ValueError("bad shapes")
    cents = centroids.tolist()
    labels = []
    sums = [[0.0] * d for _ in range(k)]
    counts = [0] * k
    for p in X.tolist():
        best, best_dist = 0, float("inf")
        for j, c in enumerate(cents):
            dist = sum((a - b) ** 2 for a, b in zip(p, c))
            if dist <= best_dist:
                best, best_dist = j, dist
        labels.append(best)
        counts[best] += 1
        sums[best] = [s + a for s, a in zip(sums[best], p)]
    return labels, [[s / counts[j] for s in sums[j]] if counts[j] else cents[j] for j in range(k)]
