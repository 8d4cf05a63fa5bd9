def link_components(n_users, links):
    """Checks ids with `> n_users` instead of `>= n_users`: a link to user
    n_users passes the check and then indexes past the end: IndexError
    where ValueError is expected."""
    if n_users < 0:
        raise ValueError("n_users must be non-negative")
    for a, b in links:
        if a < 0 or b < 0 or a > n_users or b > n_users:
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
