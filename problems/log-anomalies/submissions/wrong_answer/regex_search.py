"""Wrong: finds the value with a regex anywhere in the line, so look-alike
keys such as xlatency_ms=, p99_latency_ms= or key=latency_ms= are taken."""
import math
import re
from collections import deque

PAT = re.compile(r"latency_ms=(\S+)")


def parse(line):
    m = PAT.search(line)
    if not m:
        return None
    try:
        v = float(m.group(1))
    except ValueError:
        return None
    if math.isfinite(v) and v >= 0:
        return v
    return None


def detect_anomalies(lines, window, threshold):
    if window < 2 or threshold <= 0:
        raise ValueError("bad arguments")
    win = deque()
    s1 = s2 = 0.0
    shift = None
    last_change = 0
    prev = None
    count = 0
    out = []
    for i, line in enumerate(lines):
        x = parse(line)
        if x is None:
            continue
        if shift is None:
            shift = x
        y = x - shift
        if count >= window:
            if last_change > count - window:
                mean = s1 / window
                var = s2 / window - mean * mean
                if var > 0 and (y - mean) ** 2 > threshold * threshold * var:
                    out.append(i)
            old = win.popleft()
            s1 -= old
            s2 -= old * old
        if prev is not None and x != prev:
            last_change = count
        prev = x
        win.append(y)
        s1 += y
        s2 += y * y
        count += 1
    return out
