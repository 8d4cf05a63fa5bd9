from collections import deque


class MovingAverage:
    """Mean of the last `window` values."""

    _instances = 0

    def __init__(self, window: int):
        if window < 1:
            raise ValueError("window must be positive")
        self._window = window
        self._values = deque()
        self._total = 0.0
        MovingAverage._instances += 1

    def next(self, value: float) -> float:
        self._values.append(value)
        self._total += value
        if len(self._values) > self._window:
            self._total -= self._values.popleft()
        return self._total / len(self._values)

    def __repr__(self) -> str:
        return f"MovingAverage(window={self._window}, seen={len(self._values)})"

    def __eq__(self, other) -> bool:
        return isinstance(other, MovingAverage) and self._window == other._window
