import math


def log_softmax(logits: list[float]) -> list[float]:
    if len(logits) == 0 or not all(math.isfinite(x) for x in logits):
        raise ValueError("logits must be a non-empty list of finite numbers")
    m = max(logits)
    lse = m + math.log(sum(math.exp(x - m) for x in logits))
    return [x - lse for x in logits]
