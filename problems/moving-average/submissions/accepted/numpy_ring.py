import numpy as np


class MovingAverage:
    """NumPy ring buffer with a compensated (Neumaier) running sum."""

    def __init__(self, window: int):
        if window < 1:
            raise ValueError("window must be >= 1")
        self.window = window
        self.buf = np.zeros(window, dtype=np.float64)
        self.count = 0
        self.total = 0.0
        self.comp = 0.0

    def _add(self, x):
        t = self.total + x
        if abs(self.total) >= abs(x):
            self.comp += (self.total - t) + x
        else:
            self.comp += (x - t) + self.total
        self.total = t

    def next(self, value: float) -> float:
        i = self.count % self.window
        if self.count >= self.window:
            self._add(-float(self.buf[i]))
        self.buf[i] = value
        self._add(float(value))
        self.count += 1
        return (self.total + self.comp) / min(self.count, self.window)
