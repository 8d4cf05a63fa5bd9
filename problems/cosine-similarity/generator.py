"""Input generator for cosine-similarity: generate(n, rng, family) -> [a, b]."""

FAMILIES = ("random", "sparse", "parallel")


def generate(n, rng, family="random"):
    """Build two vectors of length n from rng (a random.Random).

    random:   independent entries uniform in [-1, 1], each vector scaled by
              its own power of ten in [1e-3, 1e3].
    sparse:   about 1% of the entries nonzero (at least one per vector).
    parallel: b is a nonzero multiple of a (possibly negative), cosine +-1.
    """
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")
    uniform = rng.uniform
    if family == "random":
        sa = 10.0 ** rng.randint(-3, 3)
        sb = 10.0 ** rng.randint(-3, 3)
        a = [uniform(-sa, sa) for _ in range(n)]
        b = [uniform(-sb, sb) for _ in range(n)]
        return [a, b]
    if family == "sparse":
        a = [0.0] * n
        b = [0.0] * n
        k = max(1, n // 100)
        for vec in (a, b):
            for _ in range(k):
                vec[rng.randrange(n)] = uniform(-10.0, 10.0)
            vec[rng.randrange(n)] = rng.choice((-1.0, 1.0)) * uniform(1.0, 10.0)
        return [a, b]
    # parallel
    a = [uniform(-1.0, 1.0) for _ in range(n)]
    a[rng.randrange(n)] = 1.0
    c = rng.choice((-1.0, 1.0)) * uniform(0.5, 2.0) * 10.0 ** rng.randint(-5, 5)
    b = [c * x for x in a]
    return [a, b]
