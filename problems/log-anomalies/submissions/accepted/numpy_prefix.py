"""NumPy: parse in Python, then prefix sums of shifted values and of value changes."""
import math
import numpy as np


def detect_anomalies(lines, window, threshold):
    if window < 2 or threshold <= 0:
        raise ValueError("bad window or threshold")
    idx = []
    vals = []
    for i, line in enumerate(lines):
        if "latency_ms=" not in line:
            continue
        for tok in line.split():
            if tok[:11] == "latency_ms=":
                try:
                    v = float(tok[11:])
                except ValueError:
                    continue
                if math.isfinite(v) and v >= 0:
                    idx.append(i)
                    vals.append(v)
                    break
    k = len(vals)
    if k <= window:
        return []
    v = np.array(vals, dtype=np.float64)
    y = v - v[0]
    c1 = np.concatenate(([0.0], np.cumsum(y)))
    c2 = np.concatenate(([0.0], np.cumsum(y * y)))
    changes = np.concatenate(([0], np.cumsum(v[1:] != v[:-1])))  # changes[j]: changes in 1..j
    pos = np.arange(window, k)
    s1 = c1[pos] - c1[pos - window]
    s2 = c2[pos] - c2[pos - window]
    mean = s1 / window
    var = s2 / window - mean * mean
    varying = (changes[pos - 1] - changes[pos - window]) > 0
    d = y[pos] - mean
    flag = varying & (d * d > threshold * threshold * var)
    # rare rounding trouble: varying window but var <= 0, redo those exactly
    for j in np.nonzero(varying & (var <= 0))[0].tolist():
        p = window + j
        w = vals[p - window:p]
        mu = math.fsum(w) / window
        vr = math.fsum((a - mu) ** 2 for a in w) / window
        flag[j] = (vals[p] - mu) ** 2 > threshold * threshold * vr
    ia = np.array(idx)
    return ia[pos[flag]].tolist()
