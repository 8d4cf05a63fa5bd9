"""Inputs for sessionize: [events, gap] with n click events.

Users: max(1, min(12, n // 16)) ids like "user07", with skewed activity.
Each user's timeline is a walk whose steps are 0 (a duplicate event), exactly
`gap`, anything in 1..gap-1 (same session), exactly gap + 1, or a long jump
(a new session), so both sides of every boundary occur often. Timestamps are
Unix-like seconds around 1.7e9 and gap is drawn from 1..120.

Families:
  random        - all events shuffled (the usual case: logs merged from
                  several servers)
  chronological - events sorted by timestamp (ties by user), like one log
  reversed      - events sorted by timestamp, newest first
"""

FAMILIES = ("random", "chronological", "reversed")


def _timeline(count, gap, rng):
    random = rng.random
    t = 1_700_000_000 + int(random() * 86_400)
    times = []
    for _ in range(count):
        times.append(t)
        r = random()
        if r < 0.08:
            step = 0
        elif r < 0.20:
            step = gap
        elif r < 0.70:
            step = 1 + int(random() * max(1, gap - 1)) if gap > 1 else gap
        elif r < 0.80:
            step = gap + 1
        else:
            step = gap + 2 + int(random() * 20 * gap)
        t += step
    return times


def generate(n, rng, family="random"):
    """Build [events, gap] with n events from rng."""
    if family not in FAMILIES:
        raise ValueError("unknown family: %r" % (family,))
    gap = 1 + int(rng.random() * 120)
    users = max(1, min(12, n // 16))
    names = ["user%02d" % i for i in range(users)]
    weights = [1.0 / (i + 1) for i in range(users)]
    total = sum(weights)
    counts = [int(n * w / total) for w in weights]
    counts[0] += n - sum(counts)
    events = []
    for name, count in zip(names, counts):
        events.extend([name, t] for t in _timeline(count, gap, rng))
    if family == "random":
        rng.shuffle(events)
    else:
        events.sort(key=lambda e: (e[1], e[0]), reverse=(family == "reversed"))
    return [events, gap]
