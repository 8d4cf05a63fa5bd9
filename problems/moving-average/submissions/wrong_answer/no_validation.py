from collections import deque


class MovingAverage:
    """Bug: never rejects a window below 1 (constructs silently)."""

    def __init__(self, window: int):
        self.window = window
        self.values = deque()
        self.total = 0.0

    def next(self, value: float) -> float:
        self.values.append(value)
        self.total += value
        if len(self.values) > max(self.window, 1):
            self.total -= self.values.popleft()
        return self.total / len(self.values)
