import math


def detect_anomalies(lines, window, threshold):
    """The statement's formula for every window: correct, but O(n * window)."""
    if window < 2 or threshold <= 0:
        raise ValueError("bad window or threshold")
    values = []
    out = []
    for i, line in enumerate(lines):
        x = None
        for tok in line.split():
            if tok.startswith("latency_ms="):
                try:
                    v = float(tok[11:])
                except ValueError:
                    break
                if math.isfinite(v) and v >= 0:
                    x = v
                break
        if x is None:
            continue
        if len(values) >= window:
            w = values[-window:]
            m = sum(w) / window
            s = math.sqrt(sum((v - m) ** 2 for v in w) / window)
            if s > 1e-6 * max(1, abs(m)) and abs(x - m) > threshold * s:
                out.append(i)
        values.append(x)
    return out
