def link_components(n_users, links):
    """Fast union-find (union by size, path halving), but returns the ROOT of
    each user's set, which union by size picks by size, not the smallest id."""
    if n_users < 0:
        raise ValueError("negative n_users")
    for a, b in links:
        if not (0 <= a < n_users and 0 <= b < n_users):
            raise ValueError("unknown user")
    parent = list(range(n_users))
    size = [1] * n_users

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        if size[ra] < size[rb]:
            ra, rb = rb, ra
        parent[rb] = ra
        size[ra] += size[rb]
    return [find(u) for u in range(n_users)]
