"""Input generator for stable-softmax: generate(n, rng, family) -> [logits].

Families:
  random   uniform logits in [-s, s] with s a random power of ten in [1, 100]
           (the textbook formula still works here)
  extreme  magnitudes up to 1e5 mixed with tiny ones: values near +-1e3,
           +-1e4, +-1e5, around 700..800, and values like 1e-300; the naive
           formula overflows and most probabilities underflow
  ties     logits drawn from a few levels far apart (e.g. 900, 0, -900), so
           the maximum is shared by many entries
"""

FAMILIES = ("random", "extreme", "ties")


def generate(n, rng, family="random"):
    """Build one list of n finite logits from rng (a random.Random)."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")
    uniform = rng.uniform
    if family == "random":
        s = 10.0 ** rng.randint(0, 2)
        return [[uniform(-s, s) for _ in range(n)]]
    if family == "extreme":
        out = []
        for _ in range(n):
            k = rng.randrange(6)
            if k == 0:
                x = uniform(-1e5, 1e5)
            elif k == 1:
                x = rng.choice((-1.0, 1.0)) * uniform(1e3, 1e4)
            elif k == 2:
                x = uniform(700.0, 800.0)
            elif k == 3:
                x = rng.choice((-1.0, 1.0)) * 10.0 ** -rng.randint(1, 300)
            elif k == 4:
                x = uniform(-1e3, 1e3)
            else:
                x = float(rng.randint(-100000, 100000))
            out.append(x)
        return [out]
    # ties
    levels = sorted(rng.sample(range(-10, 11), 3), reverse=True)
    levels = [90.0 * v for v in levels]
    weights = (0.3, 0.3, 0.4)
    out = []
    for _ in range(n):
        r = rng.random()
        out.append(levels[0] if r < weights[0] else levels[1] if r < weights[0] + weights[1] else levels[2])
    return [out]
