class RateLimiter:
    """A fixed-window counter: counts the requests in the bucket
    floor(timestamp / window) instead of the sliding interval, so a burst at
    the end of one bucket and the start of the next is allowed twice."""

    def __init__(self, limit, window):
        if limit < 1 or window <= 0:
            raise ValueError("invalid limiter")
        self.limit = limit
        self.window = window
        self.buckets = {}
        self.last = {}

    def allow(self, client, timestamp):
        if client in self.last and timestamp < self.last[client]:
            raise ValueError("time went backwards")
        self.last[client] = timestamp
        bucket = timestamp // self.window
        current, count = self.buckets.get(client, (None, 0))
        if current != bucket:
            current, count = bucket, 0
        if count < self.limit:
            self.buckets[client] = (current, count + 1)
            return True
        self.buckets[client] = (current, count)
        return False
