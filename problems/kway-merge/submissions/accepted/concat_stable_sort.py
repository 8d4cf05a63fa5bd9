def merge_streams(streams):
    """Concatenate in stream order and sort by timestamp only: Python's sort is
    stable, so ties keep stream index, then position. O(n log n)."""
    for stream in streams:
        for a, b in zip(stream, stream[1:]):
            if b[0] < a[0]:
                raise ValueError("stream not sorted by timestamp")
    everything = [record for stream in streams for record in stream]
    everything.sort(key=lambda record: record[0])
    return everything
