import math


def log_softmax(logits):
    """Stable, but never checks for nan or inf: nan propagates into the
    result (and max() ignores a nan after the first element) instead of
    raising ValueError."""
    if not logits:
        raise ValueError("empty")
    m = max(logits)
    lse = m + math.log(sum(math.exp(x - m) for x in logits))
    return [x - lse for x in logits]
