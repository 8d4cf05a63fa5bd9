import math


def log_softmax(logits):
    """Correct and stable, but recomputes the max and the log-sum-exp for
    every element: O(n^2)."""
    if not logits:
        raise ValueError("empty logits")
    for x in logits:
        if not math.isfinite(x):
            raise ValueError("non-finite logit")
    out = []
    for x in logits:
        m = max(logits)
        lse = m + math.log(math.fsum(math.exp(y - m) for y in logits))
        out.append(x - lse)
    return out
