def link_components(n_users, links):
    """Correct union-find, but the range check only looks at the upper bound:
    a link such as [-1, 2] silently uses parent[-1] (the last user) instead
    of raising ValueError."""
    if n_users < 0:
        raise ValueError("negative n_users")
    for a, b in links:
        if a >= n_users or b >= n_users:
            raise ValueError("unknown user")
    parent = list(range(n_users))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(u) for u in range(n_users)]
