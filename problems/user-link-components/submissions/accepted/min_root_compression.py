def link_components(n_users, links):
    """Union-find where the smaller root always becomes the parent, so every
    root is the smallest id of its set; full path compression, iterative."""
    if n_users < 0:
        raise ValueError("negative n_users")
    for a, b in links:
        if not (0 <= a < n_users) or not (0 <= b < n_users):
            raise ValueError("unknown user")
    parent = list(range(n_users))

    def find(x):
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra < rb:
            parent[rb] = ra
        elif rb < ra:
            parent[ra] = rb
    return [find(u) for u in range(n_users)]
