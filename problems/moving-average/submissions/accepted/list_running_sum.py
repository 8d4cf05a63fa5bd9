class MovingAverage:
    def __init__(self, window: int):
        if window < 1:
            raise ValueError("invalid window")
        self.window = window
        self.values = []
        self.s = 0.0

    def next(self, value: float) -> float:
        self.values.append(value)
        self.s += value
        n = len(self.values)
        if n > self.window:
            self.s -= self.values[n - 1 - self.window]
            return self.s / self.window
        return self.s / n
