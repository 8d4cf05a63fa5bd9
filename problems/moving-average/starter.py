class MovingAverage:
    """Moving average over the last `window` values of a stream."""

    def __init__(self, window: int):
        """Create an empty moving average; raise ValueError if window < 1."""
        pass

    def next(self, value: float) -> float:
        """Add `value` and return the mean of the last min(window, values seen) values."""
        raise NotImplementedError
