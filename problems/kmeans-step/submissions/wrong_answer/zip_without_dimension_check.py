def kmeans_step(X, centroids):
    """A clean loop that checks k but not the dimensions: zip silently drops the extra coordinates."""
    cents = centroids.tolist()
    k = len(cents)
    if k == 0:
        raise ValueError("no centroids")
    labels = []
    members = [[] for _ in range(k)]
    for p in X.tolist():
        dists = [sum((a - b) ** 2 for a, b in zip(p, c)) for c in cents]
        j = dists.index(min(dists))
        labels.append(j)
        members[j].append(p)
    new_centroids = []
    for j in range(k):
        if members[j]:
            new_centroids.append([sum(col) / len(members[j]) for col in zip(*members[j])])
        else:
            new_centroids.append(cents[j])
    return labels, new_centroids
