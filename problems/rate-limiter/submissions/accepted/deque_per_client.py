from collections import defaultdict, deque


class RateLimiter:
    def __init__(self, limit: int, window: float):
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self.allowed = defaultdict(deque)
        self.last_seen = {}

    def allow(self, client: str, timestamp: float) -> bool:
        last = self.last_seen.get(client)
        if last is not None and timestamp < last:
            raise ValueError("timestamps must not decrease")
        self.last_seen[client] = timestamp
        q = self.allowed[client]
        while q and q[0] <= timestamp - self.window:
            q.popleft()
        if len(q) < self.limit:
            q.append(timestamp)
            return True
        return False
