from collections import deque


class RateLimiter:
    """Bug: keeps a request that is exactly `window` old (closed interval [t - window, t])."""

    def __init__(self, limit: int, window: float):
        if limit < 1:
            raise ValueError("limit must be >= 1")
        if window <= 0:
            raise ValueError("window must be > 0")
        self.limit = limit
        self.window = window
        self.allowed = {}
        self.last = {}

    def allow(self, client, timestamp):
        if client in self.last and timestamp < self.last[client]:
            raise ValueError("timestamps must not decrease")
        self.last[client] = timestamp
        times = self.allowed.setdefault(client, deque())
        while times and times[0] < timestamp - self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(timestamp)
            return True
        return False
