def detect_anomalies(lines: list[str], window: int, threshold: float) -> list[int]:
    """Return the 0-based indices of the anomalous log lines, ascending.

    A line is valid when one of its whitespace-separated tokens (str.split())
    is exactly ``latency_ms=<v>`` where ``v`` parses with float() to a finite
    value >= 0; other lines are skipped. For each valid line with value x, W is
    the values of the ``window`` valid lines just before it. When W is full and
    its population standard deviation s is > 0, the line is an anomaly if
    |x - mean(W)| > threshold * s. Every valid line enters the window,
    anomalies included.

    Raises ValueError if window < 2 or threshold <= 0.
    """
    raise NotImplementedError
