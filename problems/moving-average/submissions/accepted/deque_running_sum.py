from collections import deque


class MovingAverage:
    def __init__(self, window: int):
        if window < 1:
            raise ValueError("window must be positive")
        self.window = window
        self.queue = deque()
        self.total = 0

    def next(self, value: float) -> float:
        self.queue.append(value)
        self.total += value
        if len(self.queue) > self.window:
            self.total -= self.queue.popleft()
        return self.total / len(self.queue)
