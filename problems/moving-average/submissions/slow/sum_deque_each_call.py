from collections import deque


class MovingAverage:
    """Correct but O(window) per call: re-sums the whole deque every time."""

    def __init__(self, window: int):
        if window < 1:
            raise ValueError("window must be >= 1")
        self.values = deque(maxlen=window)

    def next(self, value: float) -> float:
        self.values.append(value)
        return sum(self.values) / len(self.values)
