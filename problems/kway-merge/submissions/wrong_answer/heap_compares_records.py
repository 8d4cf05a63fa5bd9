import heapq


def merge_streams(streams):
    """Heap entries are (timestamp, record, stream, position): on equal
    timestamps the heap compares the records themselves, so ties are ordered
    by source name (then message), not by stream index and position."""
    for stream in streams:
        for j in range(1, len(stream)):
            if stream[j][0] < stream[j - 1][0]:
                raise ValueError("unsorted stream")
    heap = [(s[0][0], s[0], i, 0) for i, s in enumerate(streams) if s]
    heapq.heapify(heap)
    out = []
    while heap:
        _, record, i, j = heapq.heappop(heap)
        out.append(record)
        if j + 1 < len(streams[i]):
            nxt = streams[i][j + 1]
            heapq.heappush(heap, (nxt[0], nxt, i, j + 1))
    return out
