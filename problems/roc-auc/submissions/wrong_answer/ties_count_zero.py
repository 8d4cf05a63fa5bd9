import bisect


def roc_auc(labels, scores):
    """Counts only strictly-higher pairs (bisect_left): tied scores count 0
    instead of 1/2."""
    if len(labels) != len(scores):
        raise ValueError("length mismatch")
    if any(y not in (0, 1) for y in labels):
        raise ValueError("labels must be 0 or 1")
    neg = sorted(s for y, s in zip(labels, scores) if y == 0)
    pos = [s for y, s in zip(labels, scores) if y == 1]
    if not pos or not neg:
        raise ValueError("need both classes")
    wins = sum(bisect.bisect_left(neg, s) for s in pos)
    return wins / (len(pos) * len(neg))
