from collections import defaultdict, deque


def link_components(n_users: int, links: list[list[int]]) -> list[int]:
    if n_users < 0:
        raise ValueError("n_users < 0")
    neighbours = defaultdict(set)
    for a, b in links:
        if not 0 <= a < n_users or not 0 <= b < n_users:
            raise ValueError("invalid user in link")
        neighbours[a].add(b)
        neighbours[b].add(a)
    label = [None] * n_users
    for u in range(n_users):  # the first user reached in a component is its smallest
        if label[u] is not None:
            continue
        label[u] = u
        queue = deque([u])
        while queue:
            x = queue.popleft()
            for y in neighbours[x]:
                if label[y] is None:
                    label[y] = u
                    queue.append(y)
    return label
