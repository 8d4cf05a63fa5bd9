def link_components(n_users, links):
    """Textbook recursive find with path compression but no union by rank:
    a chain of links [0, 1], [1, 2], ... builds a path thousands of nodes deep
    and the first find on it raises RecursionError."""
    if n_users < 0:
        raise ValueError("negative n_users")
    for a, b in links:
        if not (0 <= a < n_users and 0 <= b < n_users):
            raise ValueError("unknown user")
    parent = list(range(n_users))

    def find(x):
        if parent[x] != x:
            parent[x] = find(parent[x])
        return parent[x]

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    smallest = {}
    roots = [find(u) for u in range(n_users)]
    for u, r in enumerate(roots):
        if r not in smallest:
            smallest[r] = u
    return [smallest[r] for r in roots]
