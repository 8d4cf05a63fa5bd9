"""Reference solution for log-anomalies.

A line is valid when one of its whitespace-separated tokens is exactly
``latency_ms=<v>`` with ``v`` a finite float >= 0. Over the valid values we
slide a window of the last ``window`` values and keep running sums of
``v - shift`` and ``(v - shift) ** 2`` for the mean and the population
variance (the shift limits cancellation; both sums and the shift are rebuilt
with ``math.fsum`` every ``window`` values, amortised O(1), so rounding error
cannot accumulate).

As the statement says, a window is constant when its deviation s is at most
``CONSTANT_TOLERANCE * max(1, |mean|)``; otherwise a line with value x is an
anomaly when (x - mean)^2 > threshold^2 * variance, i.e. |x - mean| > threshold * s.
Every valid value enters the window, anomalies included.

Time O(n) for n lines (plus their total length for parsing), memory O(window).
"""
import math
from collections import deque

CONSTANT_TOLERANCE = 1e-6
_KEY = "latency_ms="
_KEY_LEN = len(_KEY)


def _latency(line):
    """Return the latency value of a line, or None when the line is invalid."""
    if _KEY not in line:  # fast path for lines that cannot be valid
        return None
    for tok in line.split():
        if tok.startswith(_KEY):
            try:
                v = float(tok[_KEY_LEN:])
            except ValueError:
                continue
            if math.isfinite(v) and v >= 0:
                return v
    return None


def detect_anomalies(lines: list[str], window: int, threshold: float) -> list[int]:
    """Return the 0-based indices (into ``lines``) of anomalous lines, ascending."""
    if window < 2:
        raise ValueError("window must be at least 2")
    if not threshold > 0:
        raise ValueError("threshold must be positive")

    t2 = threshold * threshold
    vals = deque()          # raw values of the current window (at most `window`)
    shift = 0.0
    s1 = 0.0                # sum of (v - shift) over the window
    s2 = 0.0                # sum of (v - shift)^2 over the window
    count = 0               # valid values seen so far
    out = []

    for i, line in enumerate(lines):
        x = _latency(line)
        if x is None:
            continue
        if len(vals) == window:
            m = s1 / window
            var = max(0.0, s2 / window - m * m)
            mean = m + shift
            if math.sqrt(var) > CONSTANT_TOLERANCE * max(1.0, abs(mean)):
                d = x - mean
                if d * d > t2 * var:
                    out.append(i)
            old = vals.popleft() - shift
            s1 -= old
            s2 -= old * old
        vals.append(x)
        y = x - shift
        s1 += y
        s2 += y * y
        count += 1
        if count % window == 0:
            # rebuild the sums around the current mean: bounded drift
            shift = math.fsum(vals) / window
            s1 = math.fsum(v - shift for v in vals)
            s2 = math.fsum((v - shift) * (v - shift) for v in vals)
    return out
