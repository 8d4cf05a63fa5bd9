import bisect


class RateLimiter:
    """Per client, the sorted list of allowed timestamps; bisect counts the
    ones inside (timestamp - window, timestamp]."""

    def __init__(self, limit, window):
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window <= 0:
            raise ValueError("window must be positive")
        self.limit = limit
        self.window = window
        self.history = {}
        self.last_call = {}

    def allow(self, client, timestamp):
        if client in self.last_call and timestamp < self.last_call[client]:
            raise ValueError("time went backwards")
        self.last_call[client] = timestamp
        times = self.history.setdefault(client, [])
        recent = len(times) - bisect.bisect_right(times, timestamp - self.window)
        if recent < self.limit:
            times.append(timestamp)
            return True
        return False
