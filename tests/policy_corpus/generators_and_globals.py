from collections import defaultdict, Counter
from typing import Iterator

SEEN = set()
_calls = 0


def sessions(events, gap) -> Iterator[list]:
    global _calls
    _calls += 1
    current = []
    for timestamp, user in sorted(events):
        if current and timestamp - current[-1][0] > gap:
            yield current
            current = []
        current.append((timestamp, user))
        SEEN.add(user)
    if current:
        yield current


def group(words):
    buckets = defaultdict(list)
    for word in words:
        buckets[word[0]].append(word)
    counts = Counter(words)
    counts["total"] += len(words)
    return dict(buckets), counts.most_common(3), getattr(counts, "total", None)
