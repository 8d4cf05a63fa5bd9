import heapq


def merge_streams(streams):
    """heapq.merge is stable across its inputs (ties go to the earlier
    iterable) and keeps each input's order: O(n log k)."""
    for i, stream in enumerate(streams):
        prev = None
        for record in stream:
            if prev is not None and record[0] < prev:
                raise ValueError(f"stream {i} out of order")
            prev = record[0]
    return list(heapq.merge(*streams, key=lambda record: record[0]))
