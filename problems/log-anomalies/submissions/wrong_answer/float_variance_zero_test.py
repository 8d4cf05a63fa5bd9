"""Wrong: ignores the stated tolerance and treats any positive floating-point
variance as a real spread, but the variance of a window of equal decimals such
as 0.1 need not come out as exactly 0."""
import math
from collections import deque


def parse(line):
    for tok in line.split():
        if tok.startswith("latency_ms="):
            try:
                v = float(tok[11:])
            except ValueError:
                continue
            if math.isfinite(v) and v >= 0:
                return v
    return None


def detect_anomalies(lines, window, threshold):
    if window < 2 or threshold <= 0:
        raise ValueError("bad arguments")
    win = deque()
    s1 = s2 = 0.0
    out = []
    for i, line in enumerate(lines):
        x = parse(line)
        if x is None:
            continue
        if len(win) == window:
            mean = s1 / window
            var = s2 / window - mean * mean
            if var > 0 and (x - mean) ** 2 > threshold * threshold * var:
                out.append(i)
            old = win.popleft()
            s1 -= old
            s2 -= old * old
        win.append(x)
        s1 += x
        s2 += x * x
    return out
