from collections import OrderedDict


class EmbeddingCache:
    """Bug: checks for a full cache before looking the key up, so replacing a key in a full cache evicts an entry."""

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
        evicted = None
        if len(self.entries) >= self.capacity:
            evicted, _ = self.entries.popitem(last=False)
        self.entries[key] = embedding
        self.entries.move_to_end(key)
        return evicted
