class MovingAverage:
    """Prefix sums of everything seen: mean = (P[k] - P[k - m]) / m."""

    def __init__(self, window: int):
        if window < 1:
            raise ValueError("window must be >= 1")
        self.window = window
        self.prefix = [0.0]

    def next(self, value: float) -> float:
        self.prefix.append(self.prefix[-1] + value)
        k = len(self.prefix) - 1
        m = min(k, self.window)
        return (self.prefix[k] - self.prefix[k - m]) / m
