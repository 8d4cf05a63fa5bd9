class MovingAverage:
    """Correct but O(window) per call: keeps all history and sums the last slice."""

    def __init__(self, window: int):
        if window < 1:
            raise ValueError("window must be >= 1")
        self.window = window
        self.history = []

    def next(self, value: float) -> float:
        self.history.append(value)
        recent = self.history[-self.window:]
        return sum(recent) / len(recent)
