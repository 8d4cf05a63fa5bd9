from collections import deque


class MovingAverage:
    """deque(maxlen=window) drops the oldest value by itself; the running sum
    subtracts it first."""

    def __init__(self, window: int):
        if window < 1:
            raise ValueError("window must be >= 1")
        self.values = deque(maxlen=window)
        self.running = 0.0

    def next(self, value: float) -> float:
        if len(self.values) == self.values.maxlen:
            self.running -= self.values[0]
        self.values.append(value)
        self.running += value
        return self.running / len(self.values)
