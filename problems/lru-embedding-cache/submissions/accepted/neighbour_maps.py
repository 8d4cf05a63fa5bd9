_HEAD = object()
_TAIL = object()


class EmbeddingCache:
    """Linked list stored as two dicts (key -> previous key, key -> next key) between sentinel objects."""

    def __init__(self, capacity: int):
        if capacity < 1:
            raise ValueError("capacity must be >= 1")
        self.capacity = capacity
        self.values = {}
        self.prev = {_TAIL: _HEAD}
        self.next = {_HEAD: _TAIL}

    def _unlink(self, key):
        before, after = self.prev.pop(key), self.next.pop(key)
        self.next[before] = after
        self.prev[after] = before

    def _push_back(self, key):
        last = self.prev[_TAIL]
        self.next[last] = key
        self.prev[key] = last
        self.next[key] = _TAIL
        self.prev[_TAIL] = key

    def get(self, key):
        if key not in self.values:
            return None
        self._unlink(key)
        self._push_back(key)
        return self.values[key]

    def put(self, key, embedding):
        if key in self.values:
            self._unlink(key)
        elif len(self.values) == self.capacity:
            oldest = self.next[_HEAD]
            self._unlink(oldest)
            del self.values[oldest]
            self.values[key] = embedding
            self._push_back(key)
            return oldest
        self.values[key] = embedding
        self._push_back(key)
        return None
