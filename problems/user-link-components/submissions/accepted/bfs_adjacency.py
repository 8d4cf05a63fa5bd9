from collections import deque


def link_components(n_users, links):
    """Adjacency lists and an iterative BFS. Starting a BFS from each still
    unvisited user in increasing order means the start is the smallest id of
    its component."""
    if n_users < 0:
        raise ValueError("negative n_users")
    adj = [[] for _ in range(n_users)]
    for a, b in links:
        if a < 0 or b < 0 or a >= n_users or b >= n_users:
            raise ValueError("unknown user")
        adj[a].append(b)
        adj[b].append(a)
    labels = [-1] * n_users
    for start in range(n_users):
        if labels[start] != -1:
            continue
        labels[start] = start
        queue = deque([start])
        while queue:
            u = queue.popleft()
            for v in adj[u]:
                if labels[v] == -1:
                    labels[v] = start
                    queue.append(v)
    return labels
