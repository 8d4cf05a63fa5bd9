def link_components(n_users, links):
    if n_users < 0:
        raise ValueError("negative n_users")
    graph = [[] for _ in range(n_users)]
    for a, b in links:
        if a < 0 or b < 0 or a >= n_users or b >= n_users:
            raise ValueError("user id out of range")
        graph[a].append(b)
        graph[b].append(a)
    labels = [-1] * n_users
    for start in range(n_users):
        if labels[start] != -1:
            continue
        labels[start] = start
        stack = [start]
        while stack:
            u = stack.pop()
            for v in graph[u]:
                if labels[v] == -1:
                    labels[v] = start
                    stack.append(v)
    return labels
