import math
from collections import deque


def parse_latency(line):
    for token in line.split():
        if token.startswith("latency_ms="):
            try:
                value = float(token[len("latency_ms="):])
            except ValueError:
                return None
            if math.isfinite(value) and value >= 0:
                return value
            return None
    return None


def detect_anomalies(lines, window, threshold):
    if window < 2 or threshold <= 0:
        raise ValueError("window must be >= 2 and threshold > 0")
    recent = deque()
    total = 0.0
    total_sq = 0.0
    anomalies = []
    for i, line in enumerate(lines):
        x = parse_latency(line)
        if x is None:
            continue
        if len(recent) == window:
            mean = total / window
            var = max(total_sq / window - mean * mean, 0.0)
            std = math.sqrt(var)
            if std > 1e-6 * max(1.0, abs(mean)) and abs(x - mean) > threshold * std:
                anomalies.append(i)
            old = recent.popleft()
            total -= old
            total_sq -= old * old
        recent.append(x)
        total += x
        total_sq += x * x
    return anomalies
