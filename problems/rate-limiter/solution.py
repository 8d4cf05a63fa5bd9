from collections import deque


class RateLimiter:
    """Sliding-window rate limiter: at most `limit` allowed requests per client
    in any half-open interval (t - window, t].

    Each client has a deque of the timestamps of its allowed requests that are
    still inside the window. A call first drops the timestamps that have left
    the window (those <= t - window), then allows the request when fewer than
    `limit` remain. Every timestamp is appended and popped at most once, so n
    calls take O(n) time in total (amortised O(1) per call), and the memory is
    O(clients * limit) at most.
    """

    def __init__(self, limit: int, window: float):
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window <= 0:
            raise ValueError("window must be positive")
        self.limit = limit
        self.window = window
        self.allowed = {}   # client -> deque of allowed timestamps inside the window
        self.last = {}      # client -> timestamp of its latest call, allowed or not

    def allow(self, client: str, timestamp: float) -> bool:
        """Record a request by `client` at `timestamp`; return whether it is allowed."""
        last = self.last.get(client)
        if last is not None and timestamp < last:
            raise ValueError("timestamps of a client must not decrease")
        self.last[client] = timestamp
        times = self.allowed.get(client)
        if times is None:
            times = self.allowed[client] = deque()
        cutoff = timestamp - self.window
        while times and times[0] <= cutoff:
            times.popleft()
        if len(times) < self.limit:
            times.append(timestamp)
            return True
        return False
