def log_softmax(logits: list[float]) -> list[float]:
    """Return the log-softmax of logits: x[i] - log(sum_j exp(x[j])).

    Must not overflow or underflow for large logits (e.g. 1000 or -1000).
    Raise ValueError if logits is empty or contains nan, inf or -inf.
    """
    raise NotImplementedError
