from collections import deque


class MovingAverage:
    """Moving average over the last `window` values of a stream.

    A deque holds the values currently in the window and a running sum is kept
    alongside it: each call adds the new value and subtracts the one that
    falls out, so next() is O(1) time and the object uses O(window) memory.
    """

    def __init__(self, window: int):
        if window < 1:
            raise ValueError("window must be at least 1")
        self.window = window
        self.values = deque()
        self.total = 0.0

    def next(self, value: float) -> float:
        """Add `value` and return the mean of the last min(window, seen) values."""
        self.values.append(value)
        self.total += value
        if len(self.values) > self.window:
            self.total -= self.values.popleft()
        return self.total / len(self.values)
