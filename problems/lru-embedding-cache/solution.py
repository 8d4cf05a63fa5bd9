from collections import OrderedDict


class EmbeddingCache:
    """Least-recently-used cache of embedding vectors keyed by string.

    An OrderedDict keeps the entries in recency order, least recently used
    first: a hit or an update moves the key to the end with move_to_end, and an
    eviction pops the first item. Every call is O(1), so n calls take O(n)
    time, and the cache holds at most `capacity` entries.
    """

    def __init__(self, capacity: int):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.entries = OrderedDict()

    def get(self, key: str) -> list[float] | None:
        """Return the embedding cached under `key` and mark it most recently used; None if absent."""
        if key not in self.entries:
            return None
        self.entries.move_to_end(key)
        return self.entries[key]

    def put(self, key: str, embedding: list[float]) -> str | None:
        """Insert or replace `key`; return the key evicted to make room, or None."""
        if key in self.entries:
            self.entries[key] = embedding
            self.entries.move_to_end(key)
            return None
        evicted = None
        if len(self.entries) >= self.capacity:
            evicted, _ = self.entries.popitem(last=False)
        self.entries[key] = embedding
        return evicted
