from collections import deque


class RateLimiter:
    """Bug: detects a decreasing timestamp only against the client's allowed requests still in the window."""

    def __init__(self, limit: int, window: float):
        if limit < 1:
            raise ValueError("limit must be >= 1")
        if window <= 0:
            raise ValueError("window must be > 0")
        self.limit = limit
        self.window = window
        self.allowed = {}

    def allow(self, client, timestamp):
        times = self.allowed.setdefault(client, deque())
        if times and timestamp < times[-1]:
            raise ValueError("timestamps must not decrease")
        while times and times[0] <= timestamp - self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(timestamp)
            return True
        return False
