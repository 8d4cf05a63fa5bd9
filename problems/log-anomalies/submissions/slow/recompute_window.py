"""Correct but O(n * window): recomputes mean and deviation of every window."""
import math


def detect_anomalies(lines, window, threshold):
    if window < 2 or threshold <= 0:
        raise ValueError("bad arguments")
    vals = []
    out = []
    for i, line in enumerate(lines):
        x = None
        for tok in line.split():
            if tok.startswith("latency_ms="):
                try:
                    v = float(tok[len("latency_ms="):])
                except ValueError:
                    continue
                if math.isfinite(v) and v >= 0:
                    x = v
                    break
        if x is None:
            continue
        if len(vals) >= window:
            w = vals[-window:]
            if max(w) > min(w):
                mean = sum(w) / window
                sd = math.sqrt(sum((a - mean) ** 2 for a in w) / window)
                if abs(x - mean) > threshold * sd:
                    out.append(i)
        vals.append(x)
    return out
