"""Runtime error: float() on the value without try, so latency_ms=abc raises."""
import math
from collections import deque


def detect_anomalies(lines, window, threshold):
    if window < 2 or threshold <= 0:
        raise ValueError("bad arguments")
    win = deque()
    s1 = s2 = 0.0
    last_change = 0
    prev = None
    count = 0
    out = []
    for i, line in enumerate(lines):
        x = None
        for tok in line.split():
            if tok.startswith("latency_ms="):
                v = float(tok[11:])
                if math.isfinite(v) and v >= 0:
                    x = v
                    break
        if x is None:
            continue
        if count >= window:
            if last_change > count - window:
                mean = s1 / window
                var = s2 / window - mean * mean
                if (x - mean) ** 2 > threshold * threshold * var:
                    out.append(i)
            old = win.popleft()
            s1 -= old
            s2 -= old * old
        if prev is not None and x != prev:
            last_change = count
        prev = x
        win.append(x)
        s1 += x
        s2 += x * x
        count += 1
    return out
