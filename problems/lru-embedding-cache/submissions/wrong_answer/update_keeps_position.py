from collections import OrderedDict


class EmbeddingCache:
    """Bug: assigning an existing key in an OrderedDict keeps its old position, so an update does not refresh recency."""

    def __init__(self, capacity: int):
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self.capacity = capacity
        self.entries = OrderedDict()

    def get(self, key):
        if key not in self.entries:
            return None
        self.entries.move_to_end(key)
        return self.entries[key]

    def put(self, key, embedding):
        if key in self.entries:
            self.entries[key] = embedding
            return None
        evicted = None
        if len(self.entries) >= self.capacity:
            evicted, _ = self.entries.popitem(last=False)
        self.entries[key] = embedding
        return evicted
