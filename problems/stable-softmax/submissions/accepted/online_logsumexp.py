import math


def log_softmax(logits):
    """One streaming pass keeps a running max and a sum rescaled to it
    (the 'online softmax' used in attention kernels), then one output pass."""
    if not logits:
        raise ValueError("empty logits")
    m = -math.inf
    s = 0.0
    for x in logits:
        if math.isnan(x) or math.isinf(x):
            raise ValueError("non-finite logit")
        if x > m:
            s = s * math.exp(m - x) + 1.0
            m = x
        else:
            s += math.exp(x - m)
    lse = m + math.log(s)
    return [x - lse for x in logits]
