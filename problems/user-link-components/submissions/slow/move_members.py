def link_components(n_users, links):
    """Quick-find: every user stores its component id, and a union moves all
    members of b's component into a's component. Without the
    smaller-into-larger rule, a chain that keeps attaching a new user as `a`
    moves the whole growing component on every link: O(n^2)."""
    if n_users < 0:
        raise ValueError("negative n_users")
    for a, b in links:
        if not (0 <= a < n_users and 0 <= b < n_users):
            raise ValueError("unknown user")
    comp = list(range(n_users))
    members = [[u] for u in range(n_users)]
    for a, b in links:
        ca, cb = comp[a], comp[b]
        if ca == cb:
            continue
        for u in members[cb]:
            comp[u] = ca
        members[ca].extend(members[cb])
        members[cb] = []
    smallest = {}
    for u in range(n_users):
        if comp[u] not in smallest:
            smallest[comp[u]] = u
    return [smallest[comp[u]] for u in range(n_users)]
