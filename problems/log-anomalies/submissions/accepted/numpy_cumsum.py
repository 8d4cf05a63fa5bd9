import math

import numpy as np


def detect_anomalies(lines, window, threshold):
    if window < 2 or threshold <= 0:
        raise ValueError("invalid window or threshold")
    idx, vals = [], []
    for i, line in enumerate(lines):
        for tok in line.split():
            if tok.startswith("latency_ms="):
                try:
                    v = float(tok[len("latency_ms="):])
                except ValueError:
                    break
                if math.isfinite(v) and v >= 0:
                    idx.append(i)
                    vals.append(v)
                break
    if len(vals) <= window:
        return []
    x = np.array(vals, dtype=float)
    c1 = np.concatenate(([0.0], np.cumsum(x)))
    c2 = np.concatenate(([0.0], np.cumsum(x * x)))
    # the line at position j >= window is judged against x[j - window:j]
    s1 = c1[window:-1] - c1[:-window - 1]
    s2 = c2[window:-1] - c2[:-window - 1]
    mean = s1 / window
    std = np.sqrt(np.maximum(s2 / window - mean ** 2, 0.0))
    current = x[window:]
    flags = (std > 1e-6 * np.maximum(1.0, np.abs(mean))) & (np.abs(current - mean) > threshold * std)
    return [idx[window + j] for j in np.nonzero(flags)[0].tolist()]
