import heapq


def merge_streams(streams):
    """Requires strictly increasing timestamps in a stream, so equal
    consecutive timestamps (which are fine) raise ValueError where a merged
    list is expected."""
    for stream in streams:
        for i in range(1, len(stream)):
            if stream[i][0] <= stream[i - 1][0]:
                raise ValueError("stream is not sorted by timestamp")
    heap = [(stream[0][0], s, 0) for s, stream in enumerate(streams) if stream]
    heapq.heapify(heap)
    merged = []
    while heap:
        ts, s, i = heapq.heappop(heap)
        merged.append(streams[s][i])
        if i + 1 < len(streams[s]):
            heapq.heappush(heap, (streams[s][i + 1][0], s, i + 1))
    return merged
