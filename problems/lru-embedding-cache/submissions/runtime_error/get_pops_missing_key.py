class EmbeddingCache:
    """Bug: get() refreshes recency with pop-and-reinsert without checking the key first: KeyError on a miss."""

    def __init__(self, capacity: int):
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self.capacity = capacity
        self.entries = {}   # dicts keep insertion order: first key is the LRU

    def get(self, key):
        embedding = self.entries.pop(key)
        self.entries[key] = embedding
        return embedding

    def put(self, key, embedding):
        if key in self.entries:
            del self.entries[key]
            self.entries[key] = embedding
            return None
        evicted = None
        if len(self.entries) >= self.capacity:
            evicted = next(iter(self.entries))
            del self.entries[evicted]
        self.entries[key] = embedding
        return evicted
