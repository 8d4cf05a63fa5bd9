from collections import deque


class MovingAverage:
    """Bug: evicts before appending with `>=`, so window 1 pops an empty deque."""

    def __init__(self, window: int):
        if window < 1:
            raise ValueError("window must be >= 1")
        self.window = window
        self.values = deque()
        self.total = 0.0
        self.count = 0

    def next(self, value: float) -> float:
        self.count += 1
        if self.count >= self.window:
            self.total -= self.values.popleft()
        self.values.append(value)
        self.total += value
        return self.total / len(self.values)
