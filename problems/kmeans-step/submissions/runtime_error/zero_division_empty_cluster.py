def kmeans_step(X, centroids):
    """Plain Python means: an empty cluster divides by len([]) == 0."""
    k, d = centroids.shape
    if k == 0 or X.shape[1] != d:
        raise ValueError("bad shapes")
    cents = centroids.tolist()
    labels = []
    for p in X.tolist():
        dists = [sum((a - b) ** 2 for a, b in zip(p, c)) for c in cents]
        labels.append(dists.index(min(dists)))
    new_centroids = []
    for j in range(k):
        members = [p for p, label in zip(X.tolist(), labels) if label == j]
        new_centroids.append([sum(m[t] for m in members) / len(members) for t in range(d)])
    return labels, new_centroids
