from collections import deque


class MovingAverage:
    """Bug: floor division (//) instead of true division."""

    def __init__(self, window: int):
        if window < 1:
            raise ValueError("window must be >= 1")
        self.window = window
        self.values = deque()
        self.total = 0

    def next(self, value: float) -> float:
        self.values.append(value)
        self.total += value
        if len(self.values) > self.window:
            self.total -= self.values.popleft()
        return self.total // len(self.values)
