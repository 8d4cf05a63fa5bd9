def cosine_similarity(a, b):
    """Divides by the product of the squared norms: the square roots are missing."""
    if len(a) != len(b):
        raise ValueError("length mismatch")
    dot = sum(x * y for x, y in zip(a, b))
    norm_a = sum(x * x for x in a)
    norm_b = sum(y * y for y in b)
    if norm_a == 0 or norm_b == 0:
        return 0.0
    return dot / (norm_a * norm_b)
