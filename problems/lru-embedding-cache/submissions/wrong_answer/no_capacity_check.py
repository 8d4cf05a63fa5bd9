from collections import OrderedDict


class EmbeddingCache:
    """Never rejects a capacity below 1."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.data = OrderedDict()

    def get(self, key: str):
        if key not in self.data:
            return None
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key: str, embedding):
        if key in self.data:
            self.data[key] = embedding
            self.data.move_to_end(key)
            return None
        evicted = None
        if self.data and len(self.data) >= self.capacity:
            evicted, _ = self.data.popitem(last=False)
        self.data[key] = embedding
        return evicted
