from collections import deque


class MovingAverage:
    """Bug: evicts only when the deque exceeds window + 1, so it averages window + 1 values."""

    def __init__(self, window: int):
        if window < 1:
            raise ValueError("window must be >= 1")
        self.window = window
        self.values = deque()
        self.total = 0.0

    def next(self, value: float) -> float:
        self.values.append(value)
        self.total += value
        if len(self.values) > self.window + 1:
            self.total -= self.values.popleft()
        return self.total / len(self.values)
