class EmbeddingCache:
    """Correct but O(capacity) per call: keeps the keys in recency order in a plain list."""

    def __init__(self, capacity: int):
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self.capacity = capacity
        self.values = {}
        self.order = []   # least recently used first

    def get(self, key):
        if key not in self.values:
            return None
        self.order.remove(key)
        self.order.append(key)
        return self.values[key]

    def put(self, key, embedding):
        if key in self.values:
            self.order.remove(key)
            self.order.append(key)
            self.values[key] = embedding
            return None
        evicted = None
        if len(self.order) == self.capacity:
            evicted = self.order.pop(0)
            del self.values[evicted]
        self.order.append(key)
        self.values[key] = embedding
        return evicted
