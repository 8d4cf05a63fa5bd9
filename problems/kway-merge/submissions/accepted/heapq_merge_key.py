import heapq
from operator import itemgetter


def merge_streams(streams: list[list[list]]) -> list[list]:
    if any(a[0] > b[0] for stream in streams for a, b in zip(stream, stream[1:])):
        raise ValueError("every stream must be sorted by timestamp")
    return list(heapq.merge(*streams, key=itemgetter(0)))
