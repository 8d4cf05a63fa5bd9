import heapq


def merge_streams(streams):
    """Seeds the heap with every stream's first record: IndexError as soon as
    a stream is empty."""
    for stream in streams:
        for j in range(1, len(stream)):
            if stream[j][0] < stream[j - 1][0]:
                raise ValueError("unsorted stream")
    heap = [(s[0][0], i, 0) for i, s in enumerate(streams)]
    heapq.heapify(heap)
    out = []
    while heap:
        _, i, j = heapq.heappop(heap)
        out.append(streams[i][j])
        if j + 1 < len(streams[i]):
            heapq.heappush(heap, (streams[i][j + 1][0], i, j + 1))
    return out
