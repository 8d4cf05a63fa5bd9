"""Input generator for log-anomalies.

generate(n, rng, family) returns [lines, window, threshold] with n log lines,
window = max(2, n // 4) and a threshold from a small set. Latencies are
integers in [0, 100000], so every sum a solution may keep stays exact in
floating point. The generator tracks the window of valid values with exact
integer sums and re-draws a value whenever its z-score would land within
1e-3 of the threshold, so no floating-point rounding can flip an answer.

Families:
  random  - steady traffic, about 90% valid lines, gaussian latencies
  bursty  - like random plus occasional spikes and short bursts of slow lines
  noisy   - about half the lines are invalid (other keys, garbage values,
            negative or non-finite values, look-alike keys, blank lines)
"""
import math
from collections import deque

FAMILIES = ("random", "bursty", "noisy")

_ROUTES = ("/v1/predict", "/v1/embed", "/v1/rank", "/health", "/v2/chat")
_METHODS = ("GET", "POST")
_INVALID = (
    "",
    "   ",
    "{ts} INFO worker heartbeat ok",
    "{ts} WARN svc=api route={route} status=503 retry=1",
    "{ts} INFO svc=api latency_ms=abc",
    "{ts} INFO svc=api latency_ms=",
    "{ts} INFO svc=api latency_ms=-{v}",
    "{ts} INFO svc=api latency_ms=nan",
    "{ts} INFO svc=api latency_ms=inf",
    "{ts} INFO svc=api latency_ms={v}ms",
    "{ts} INFO svc=api xlatency_ms={v}",
    "{ts} INFO svc=api latency_ms_avg={v}",
    "{ts} INFO svc=api LATENCY_MS={v}",
    "{ts} INFO svc=api latency_ms:{v}",
)


def generate(n, rng, family="random"):
    """Build [lines, window, threshold] with n lines from rng."""
    if family not in FAMILIES:
        raise ValueError("unknown family: %r" % (family,))
    window = max(2, n // 4)
    threshold = rng.choice((2.0, 2.5, 3.0, 3.5))
    t = threshold
    invalid_rate = {"random": 0.1, "bursty": 0.1, "noisy": 0.5}[family]
    base = rng.randint(50, 400)
    spread = rng.randint(5, 60)

    win = deque()
    s1 = 0  # exact integer sums of the window
    s2 = 0
    lines = []
    burst = 0
    rnd = rng.random
    gauss = rng.gauss
    for i in range(n):
        ts = "2024-05-01T%02d:%02d:%02d.%03dZ" % (
            (i // 3600000) % 24, (i // 60000) % 60, (i // 1000) % 60, i % 1000)
        if rnd() < invalid_rate:
            tpl = _INVALID[int(rnd() * len(_INVALID))]
            lines.append(tpl.format(ts=ts, route=_ROUTES[i % 5],
                                    v=int(rnd() * 1000) + 1))
            continue
        # draw a latency
        if family == "bursty":
            if burst == 0 and rnd() < 0.002:
                burst = int(rnd() * 20) + 1
            if burst > 0:
                burst -= 1
                x = base * 10 + int(rnd() * 5000)
            elif rnd() < 0.01:
                x = int(rnd() * 100000)
            else:
                x = int(round(gauss(base, spread)))
        else:
            x = int(round(gauss(base, spread)))
            if rnd() < 0.003:
                x += int(rnd() * 10 * spread)
        x = min(100000, max(0, x))
        if len(win) == window:
            b = window * s2 - s1 * s1  # window^2 * variance, exact
            if b > 0:
                # keep z = |x - mean| / s away from the threshold
                while abs(math.sqrt((window * x - s1) ** 2 / b) - t) < 1e-3:
                    x = x + 1 if x < 100000 else x - 1
            old = win.popleft()
            s1 -= old
            s2 -= old * old
        win.append(x)
        s1 += x
        s2 += x * x
        method = _METHODS[i & 1]
        route = _ROUTES[int(rnd() * 5)]
        k = int(rnd() * 4)
        if k == 0:
            line = "%s INFO %s %s latency_ms=%d status=200" % (ts, method, route, x)
        elif k == 1:
            line = "%s\tINFO\tlatency_ms=%d\troute=%s" % (ts, x, route)
        elif k == 2:
            line = "latency_ms=%d  %s %s  bytes=%d" % (x, ts, route, int(rnd() * 9999))
        else:
            line = "%s INFO svc=api status=200 route=%s latency_ms=%d" % (ts, route, x)
        lines.append(line)
    return [lines, window, threshold]
