class MovingAverage:
    """Circular buffer of size window plus a running sum (no imports)."""

    def __init__(self, window: int):
        if window < 1:
            raise ValueError("window must be >= 1")
        self.window = window
        self.buf = [0.0] * window
        self.count = 0
        self.total = 0.0

    def next(self, value: float) -> float:
        i = self.count % self.window
        if self.count >= self.window:
            self.total -= self.buf[i]
        self.buf[i] = value
        self.total += value
        self.count += 1
        return self.total / min(self.count, self.window)
