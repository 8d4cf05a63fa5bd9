def link_components(n_users, links):
    """One pass over the links, giving both ends the smaller of their labels.
    Works when the links arrive in a friendly order (e.g. [0, 1], [1, 2],
    ...), but a label that improves later is never pushed to users already
    processed, so it is not transitive."""
    if n_users < 0:
        raise ValueError("negative n_users")
    for a, b in links:
        if not (0 <= a < n_users and 0 <= b < n_users):
            raise ValueError("unknown user")
    labels = list(range(n_users))
    for a, b in links:
        m = min(labels[a], labels[b])
        labels[a] = m
        labels[b] = m
    return labels
