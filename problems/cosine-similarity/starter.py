def cosine_similarity(a: list[float], b: list[float]) -> float:
    """Return the cosine similarity of vectors a and b.

    Raise ValueError if len(a) != len(b).
    Return 0.0 if either vector has zero norm (empty vectors included).
    """
    raise NotImplementedError
