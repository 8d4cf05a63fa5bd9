class RateLimiter:
    """Sliding-window rate limiter: at most `limit` allowed requests per client
    in any half-open interval (timestamp - window, timestamp]."""

    def __init__(self, limit: int, window: float):
        """Create an empty limiter; raise ValueError if limit < 1 or window <= 0."""
        pass

    def allow(self, client: str, timestamp: float) -> bool:
        """Return True (and count the request) when `client` has had fewer than
        `limit` allowed requests in (timestamp - window, timestamp]; else False.

        Raise ValueError if `timestamp` is smaller than the timestamp of this
        client's previous call.
        """
        raise NotImplementedError
