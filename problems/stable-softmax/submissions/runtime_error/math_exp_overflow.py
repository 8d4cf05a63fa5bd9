import math


def log_softmax(logits):
    """Textbook formula with math.exp: math.exp(1000) raises OverflowError
    (and a probability that underflows to 0.0 makes math.log raise)."""
    if not logits:
        raise ValueError("empty logits")
    for x in logits:
        if not math.isfinite(x):
            raise ValueError("non-finite logit")
    total = sum(math.exp(x) for x in logits)
    return [math.log(math.exp(x) / total) for x in logits]
