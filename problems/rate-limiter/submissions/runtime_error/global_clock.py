from collections import deque


class RateLimiter:
    """Bug: one clock for all clients, so a client whose timestamp is behind another client's raises ValueError."""

    def __init__(self, limit: int, window: float):
        if limit < 1:
            raise ValueError("limit must be >= 1")
        if window <= 0:
            raise ValueError("window must be > 0")
        self.limit = limit
        self.window = window
        self.allowed = {}
        self.now = None

    def allow(self, client, timestamp):
        if self.now is not None and timestamp < self.now:
            raise ValueError("timestamps must not decrease")
        self.now = timestamp
        times = self.allowed.setdefault(client, deque())
        while times and times[0] <= timestamp - self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(timestamp)
            return True
        return False
