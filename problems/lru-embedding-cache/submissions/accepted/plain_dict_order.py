class EmbeddingCache:
    """A plain dict keeps insertion order: re-inserting a key makes it the
    newest, and the first key is the least recently used."""

    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity < 1")
        self.capacity = capacity
        self.cache = {}

    def get(self, key):
        if key in self.cache:
            value = self.cache.pop(key)
            self.cache[key] = value
            return value
        return None

    def put(self, key, embedding):
        if key in self.cache:
            del self.cache[key]
            self.cache[key] = embedding
            return None
        removed = None
        if len(self.cache) == self.capacity:
            removed = next(iter(self.cache))
            del self.cache[removed]
        self.cache[key] = embedding
        return removed
