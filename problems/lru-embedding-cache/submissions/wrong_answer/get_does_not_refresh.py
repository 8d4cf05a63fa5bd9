from collections import OrderedDict


class EmbeddingCache:
    """Bug: get() does not mark the key as used, so reads never protect an entry (eviction follows writes only)."""

    def __init__(self, capacity: int):
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self.capacity = capacity
        self.entries = OrderedDict()

    def get(self, key):
        return self.entries.get(key)

    def put(self, key, embedding):
        if key in self.entries:
            self.entries[key] = embedding
            self.entries.move_to_end(key)
            return None
        evicted = None
        if len(self.entries) >= self.capacity:
            evicted, _ = self.entries.popitem(last=False)
        self.entries[key] = embedding
        return evicted
