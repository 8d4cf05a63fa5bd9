"""Wrong: anomalous values are kept out of the window."""
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
    shift = None
    out = []
    for i, line in enumerate(lines):
        x = parse(line)
        if x is None:
            continue
        if shift is None:
            shift = x
        y = x - shift
        if len(win) == window:
            mean = s1 / window
            var = s2 / window - mean * mean
            if var > 1e-9 and abs(y - mean) > threshold * math.sqrt(var):
                out.append(i)
                continue  # skip: do not let the spike pollute the baseline
            old = win.popleft()
            s1 -= old
            s2 -= old * old
        win.append(y)
        s1 += y
        s2 += y * y
    return out
