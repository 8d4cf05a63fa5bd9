class RateLimiter:
    """Correct but O(history) per call: counts the recent ones among all past allowed timestamps."""

    def __init__(self, limit: int, window: float):
        if limit < 1:
            raise ValueError("limit must be >= 1")
        if window <= 0:
            raise ValueError("window must be > 0")
        self.limit = limit
        self.window = window
        self.history = {}
        self.last = {}

    def allow(self, client, timestamp):
        if client in self.last and timestamp < self.last[client]:
            raise ValueError("timestamps must not decrease")
        self.last[client] = timestamp
        past = self.history.setdefault(client, [])
        recent = sum(1 for t in past if t > timestamp - self.window)
        if recent < self.limit:
            past.append(timestamp)
            return True
        return False
