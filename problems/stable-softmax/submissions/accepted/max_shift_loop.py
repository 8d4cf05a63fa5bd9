import math


def log_softmax(logits):
    if not logits:
        raise ValueError("logits must not be empty")
    for x in logits:
        if not math.isfinite(x):
            raise ValueError("logits must be finite")
    m = max(logits)
    total = 0.0
    for x in logits:
        total += math.exp(x - m)
    log_sum = m + math.log(total)
    result = []
    for x in logits:
        result.append(x - log_sum)
    return result
