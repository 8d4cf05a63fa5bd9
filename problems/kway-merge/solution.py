"""Reference solution for kway-merge."""

import heapq


def merge_streams(streams):
    """Merge k timestamp-sorted streams of [timestamp, source, message] records.

    Returns one list of all records ordered by timestamp; equal timestamps are
    ordered by stream index, then by position within the stream (a stable
    merge). Raises ValueError if some stream is not sorted by timestamp
    (non-decreasing); every stream is checked before anything is returned.

    A min-heap holds one entry (timestamp, stream index, position) per
    non-empty stream: popping the smallest and pushing that stream's next
    record costs O(log k), so the merge is O(n log k) for n records in total
    (O(n log n) at worst), plus O(n) for the validation.
    """
    for i, stream in enumerate(streams):
        for j in range(1, len(stream)):
            if stream[j][0] < stream[j - 1][0]:
                raise ValueError(f"stream {i} is not sorted at position {j}")

    heap = [(stream[0][0], i, 0) for i, stream in enumerate(streams) if stream]
    heapq.heapify(heap)
    merged = []
    while heap:
        _, i, j = heap[0]
        stream = streams[i]
        merged.append(stream[j])
        j += 1
        if j < len(stream):
            # the (timestamp, stream, position) key makes ties resolve stably
            heapq.heapreplace(heap, (stream[j][0], i, j))
        else:
            heapq.heappop(heap)
    return merged
