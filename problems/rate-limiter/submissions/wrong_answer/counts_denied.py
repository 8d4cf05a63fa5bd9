from collections import deque


class RateLimiter:
    """Bug: records every request, so denied requests also use up the budget."""

    def __init__(self, limit: int, window: float):
        if limit < 1:
            raise ValueError("limit must be >= 1")
        if window <= 0:
            raise ValueError("window must be > 0")
        self.limit = limit
        self.window = window
        self.requests = {}

    def allow(self, client, timestamp):
        times = self.requests.setdefault(client, deque())
        if times and timestamp < times[-1]:
            raise ValueError("timestamps must not decrease")
        while times and times[0] <= timestamp - self.window:
            times.popleft()
        allowed = len(times) < self.limit
        times.append(timestamp)
        return allowed
