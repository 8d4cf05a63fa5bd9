"""Reference solution for stable-softmax."""

import math


def log_softmax(logits):
    """Return the log-softmax of ``logits`` as a new list of floats.

    Uses the log-sum-exp trick: with m = max(logits),

        log(sum_j exp(x_j)) = m + log(sum_j exp(x_j - m)),

    and every exponent x_j - m is <= 0, so no term overflows; the term of the
    maximum is exactly 1, so the sum lies in [1, n] and its log is finite.
    The result x_i - m - log(s) is formed without ever taking the log of a
    probability, so tiny probabilities do not underflow to log(0).

    Raises ValueError for an empty list or a non-finite logit.
    O(n) time (three passes), O(n) memory for the result.
    """
    if len(logits) == 0:
        raise ValueError("logits must not be empty")
    for x in logits:
        if not math.isfinite(x):
            raise ValueError(f"non-finite logit: {x!r}")
    m = max(logits)
    shifted = [x - m for x in logits]
    log_norm = math.log(math.fsum(map(math.exp, shifted)))
    return [float(d - log_norm) for d in shifted]
