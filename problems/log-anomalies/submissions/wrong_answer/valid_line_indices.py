"""Wrong: returns positions among the valid lines, not indices into `lines`."""
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
    values = [v for v in map(parse, lines) if v is not None]
    win = deque()
    s1 = s2 = 0.0
    shift = values[0] if values else 0.0
    out = []
    for k, x in enumerate(values):
        y = x - shift
        if len(win) == window:
            mean = s1 / window
            var = s2 / window - mean * mean
            if var > 1e-9 and abs(y - mean) > threshold * math.sqrt(var):
                out.append(k)
            old = win.popleft()
            s1 -= old
            s2 -= old * old
        win.append(y)
        s1 += y
        s2 += y * y
    return out
