def merge_streams(streams: list[list[list]]) -> list[list]:
    """Merge k streams of [timestamp, source, message] records, each sorted by
    timestamp, into one list sorted by timestamp.

    Equal timestamps keep a stable order: smaller stream index first, then
    the order within the stream.

    Raise ValueError if any stream is not sorted by timestamp (non-decreasing).
    """
    raise NotImplementedError
