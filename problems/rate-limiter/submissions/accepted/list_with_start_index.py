class RateLimiter:
    def __init__(self, limit: int, window: float):
        if limit < 1 or window <= 0:
            raise ValueError("invalid limiter")
        self.limit = limit
        self.window = window
        self.clients = {}  # client -> [allowed timestamps, index of the oldest one still counted, last call]

    def allow(self, client: str, timestamp: float) -> bool:
        if client not in self.clients:
            self.clients[client] = [[], 0, timestamp]
        state = self.clients[client]
        times = state[0]
        if timestamp < state[2]:
            raise ValueError("timestamp decreased")
        state[2] = timestamp
        start = state[1]
        while start < len(times) and times[start] <= timestamp - self.window:
            start += 1
        state[1] = start
        if len(times) - start < self.limit:
            times.append(timestamp)
            return True
        return False
