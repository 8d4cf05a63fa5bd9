def merge_streams(streams):
    """Correct, but finds each next record by scanning every stream's head:
    O(n * k), quadratic when the number of streams grows with n."""
    for stream in streams:
        for j in range(1, len(stream)):
            if stream[j][0] < stream[j - 1][0]:
                raise ValueError("unsorted stream")
    pos = [0] * len(streams)
    total = sum(len(s) for s in streams)
    out = []
    for _ in range(total):
        best = -1
        for i in range(len(streams)):
            if pos[i] < len(streams[i]):
                if best < 0 or streams[i][pos[i]][0] < streams[best][pos[best]][0]:
                    best = i
        out.append(streams[best][pos[best]])
        pos[best] += 1
    return out
