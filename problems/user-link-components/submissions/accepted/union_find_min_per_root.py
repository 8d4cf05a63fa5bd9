def link_components(n_users, links):
    if n_users < 0:
        raise ValueError("n_users must be non-negative")
    for a, b in links:
        if not (0 <= a < n_users and 0 <= b < n_users):
            raise ValueError(f"link [{a}, {b}] mentions an unknown user")
    parent = list(range(n_users))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb

    smallest = {}
    for u in range(n_users):
        r = find(u)
        if r not in smallest:
            smallest[r] = u  # users are visited in increasing order
    return [smallest[find(u)] for u in range(n_users)]
