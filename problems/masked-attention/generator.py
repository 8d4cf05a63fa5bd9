"""Input generator for masked-attention: generate(n, rng, family) -> [q, k, v, mask].

n queries and n keys, d = 8 features per query and key, d_v = 4 per value.
Entries are uniform in [-3, 3], except that about 10% of the queries and 10%
of the keys are uniform in [-100, 100]: their scores reach about 1e4, and exp
overflows on them unless each row is shifted by its maximum. The arrays come from a NumPy
generator seeded from rng (a random.Random), so the same (n, seed, family)
always builds the same input.

Families:
  random    each query may attend to each key with probability 0.8, and
            about 2% of the queries to none
  causal    query i may attend to keys 0..i (the decoder's mask)
"""

import numpy as np

FAMILIES = ("random", "causal")

D = 8
D_V = 4


def generate(n, rng, family="random"):
    """Build [q, k, v, mask] for n queries and n keys from rng."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")
    draw = np.random.default_rng(rng.getrandbits(64))
    q = draw.uniform(-3.0, 3.0, (n, D))
    large = draw.random(n) < 0.1
    q[large] = draw.uniform(-100.0, 100.0, (int(large.sum()), D))
    k = draw.uniform(-3.0, 3.0, (n, D))
    large = draw.random(n) < 0.1
    k[large] = draw.uniform(-100.0, 100.0, (int(large.sum()), D))
    v = draw.uniform(-3.0, 3.0, (n, D_V))
    if family == "causal":
        return [q, k, v, np.tril(np.ones((n, n), dtype=bool))]
    mask = draw.random((n, n)) < 0.8
    mask[draw.random(n) < 0.02] = False
    return [q, k, v, mask]
