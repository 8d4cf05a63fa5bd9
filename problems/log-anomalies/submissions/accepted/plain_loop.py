import math


def detect_anomalies(lines, window, threshold):
    if window < 2:
        raise ValueError("window must be at least 2")
    if threshold <= 0:
        raise ValueError("threshold must be positive")

    positions = []
    values = []
    for i, line in enumerate(lines):
        for token in line.split():
            if token.startswith("latency_ms="):
                try:
                    v = float(token[11:])
                except ValueError:
                    break
                if math.isfinite(v) and v >= 0:
                    positions.append(i)
                    values.append(v)
                break

    result = []
    s = 0.0
    sq = 0.0
    for k in range(len(values)):
        if k >= window:
            mean = s / window
            variance = sq / window - mean * mean
            if variance < 0:
                variance = 0.0
            std = math.sqrt(variance)
            if std > 1e-6 * max(1.0, abs(mean)):
                if abs(values[k] - mean) > threshold * std:
                    result.append(positions[k])
            s -= values[k - window]
            sq -= values[k - window] ** 2
        s += values[k]
        sq += values[k] ** 2
    return result
