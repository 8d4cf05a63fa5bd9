"""Wrong: the window is the last `window` LINES (invalid ones take slots)."""
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
    recent = deque()   # parsed value or None for each of the last `window` lines
    cnt = 0
    s1 = s2 = 0.0
    shift = None
    out = []
    for i, line in enumerate(lines):
        x = parse(line)
        if x is not None:
            if shift is None:
                shift = x
            y = x - shift
            if len(recent) == window and cnt >= 2:
                mean = s1 / cnt
                var = s2 / cnt - mean * mean
                if var > 1e-9 and abs(y - mean) > threshold * math.sqrt(var):
                    out.append(i)
        else:
            y = None
        if len(recent) == window:
            old = recent.popleft()
            if old is not None:
                cnt -= 1
                s1 -= old
                s2 -= old * old
        recent.append(y)
        if y is not None:
            cnt += 1
            s1 += y
            s2 += y * y
    return out
