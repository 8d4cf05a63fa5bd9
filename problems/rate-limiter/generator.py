"""Inputs for RateLimiter: limit = max(1, n // 4) and n allow() calls.

Timestamps are multiples of 1/4 below 10^6 and windows are multiples of 1/4,
so `timestamp - window` and every comparison with it are exact in floating
point: a request exactly `window` after an earlier one is an exact boundary
case, and such boundaries occur often. Time never goes backwards globally, so
no client's timestamps decrease.

Families:
  random - three clients with 60/25/15% of the traffic, steps of 0 to 2 time
           units (repeated timestamps included), window n / 2: the busy client
           fills its window and is throttled, requests keep expiring
  burst  - bursts of identical timestamps larger than the limit, separated by
           jumps of exactly the window, just under it or beyond it
  steady - one client exactly at the limit (period window / limit, so every
           request is allowed only because the one `window` earlier has just
           left) and one at twice that rate (half of it throttled once its
           window is full), interleaved over several windows
"""

FAMILIES = ("random", "burst", "steady")

_STEPS = (0.0, 0.25, 0.5, 1.0, 1.0, 1.5, 2.0, 0.75)


def _random(n, rng, limit):
    window = max(1, n // 2) + 0.25 * int(rng.random() * 4)
    t = float(int(rng.random() * 1000))
    calls = []
    random = rng.random
    for _ in range(n):
        t += _STEPS[int(random() * len(_STEPS))]
        r = random()
        client = "api-key-1" if r < 0.60 else ("api-key-2" if r < 0.85 else "api-key-3")
        calls.append(["allow", [client, t]])
    return window, calls


def _burst(n, rng, limit):
    window = float(max(1, n // 8))
    t = 0.0
    calls = []
    random = rng.random
    clients = ("tenant-a", "tenant-b")
    while len(calls) < n:
        size = 1 + int(random() * (limit + limit // 2 + 1))
        client = clients[int(random() * 2)]
        for _ in range(min(size, n - len(calls))):
            calls.append(["allow", [client, t]])
        r = random()
        if r < 0.4:
            t += window            # the burst's requests leave exactly now
        elif r < 0.6:
            t += window - 0.25     # they are still inside
        elif r < 0.8:
            t += 0.25 * int(random() * 4 * window)
        else:
            t += window + 0.25
    return window, calls


def _steady(n, rng, limit):
    period = 0.25
    window = period * limit
    steady = n // 3
    events = [(i * period, 0, "steady") for i in range(steady)]
    events += [(i * period / 2, 1, "eager") for i in range(n - steady)]
    events.sort()
    offset = float(int(rng.random() * 100))
    return window, [["allow", [client, offset + t]] for t, _, client in events]


def generate(n, rng, family="random"):
    """Build the constructor arguments and n allow() calls from rng."""
    limit = max(1, n // 4)
    if family == "random":
        window, calls = _random(n, rng, limit)
    elif family == "burst":
        window, calls = _burst(n, rng, limit)
    elif family == "steady":
        window, calls = _steady(n, rng, limit)
    else:
        raise ValueError("unknown family: %r" % (family,))
    return {"init": [limit, window], "calls": calls}
