"""Reference solution for user-link-components."""


def link_components(n_users, links):
    """Return, for every user, the smallest user id in its connected component.

    Disjoint-set union with union by size and path halving, both iterative,
    so a chain of 200000 links needs no recursion. Every root also stores the
    smallest id of its set, so the answer does not depend on which root the
    union chose. Ids are validated first: a negative id must raise, not index
    from the end.

    O(n + m * alpha(n)) time for n users and m links, O(n) memory.

    Raises ValueError if n_users < 0 or a link mentions an unknown user.
    """
    if n_users < 0:
        raise ValueError("n_users must be non-negative")
    for a, b in links:
        if not (0 <= a < n_users and 0 <= b < n_users):
            raise ValueError(f"link [{a}, {b}] mentions an unknown user")

    parent = list(range(n_users))
    size = [1] * n_users
    smallest = list(range(n_users))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]  # path halving
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
        if smallest[rb] < smallest[ra]:
            smallest[ra] = smallest[rb]

    return [smallest[find(u)] for u in range(n_users)]
