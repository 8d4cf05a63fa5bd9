def link_components(n_users: int, links: list[list[int]]) -> list[int]:
    """For each user 0..n_users-1, return the smallest user id in its
    connected component, where links are undirected [a, b] pairs.

    Raise ValueError if n_users < 0 or a link mentions a user outside
    0..n_users-1.
    """
    raise NotImplementedError
