"""Pure Python: sliding mean / M2 updates plus monotonic max/min deques."""
import math
from collections import deque


def _value(line):
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
    if window < 2:
        raise ValueError("window < 2")
    if threshold <= 0:
        raise ValueError("threshold <= 0")
    win = deque()
    mx = deque()  # (pos, value), values decreasing
    mn = deque()  # (pos, value), values increasing
    mean = 0.0
    m2 = 0.0      # sum of squared deviations from mean
    pos = 0
    res = []
    for i, line in enumerate(lines):
        x = _value(line)
        if x is None:
            continue
        if len(win) == window:
            while mx[0][0] < pos - window:
                mx.popleft()
            while mn[0][0] < pos - window:
                mn.popleft()
            if mx[0][1] > mn[0][1]:
                var = m2 / window
                if var <= 0:
                    mean = math.fsum(win) / window
                    m2 = math.fsum((v - mean) ** 2 for v in win)
                    var = m2 / window
                if (x - mean) ** 2 > threshold * threshold * var:
                    res.append(i)
            # replace oldest by x (sliding Welford update)
            old = win.popleft()
            new_mean = mean + (x - old) / window
            m2 += (x - old) * (x - new_mean + old - mean)
            mean = new_mean
            if m2 < 0:
                m2 = 0.0
        else:
            # plain Welford while the window fills up
            k = len(win) + 1
            delta = x - mean
            mean += delta / k
            m2 += delta * (x - mean)
        win.append(x)
        while mx and mx[-1][1] <= x:
            mx.pop()
        mx.append((pos, x))
        while mn and mn[-1][1] >= x:
            mn.pop()
        mn.append((pos, x))
        pos += 1
        if pos % window == 0:  # refresh to stop drift
            mean = math.fsum(win) / len(win)
            m2 = math.fsum((v - mean) ** 2 for v in win)
    return res
