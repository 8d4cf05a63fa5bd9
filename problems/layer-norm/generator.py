"""Input generator for layer-norm: generate(n, rng, family) -> [x, gamma, beta, dy, eps].

n rows (the batch) of 32 features. The arrays come from a NumPy generator
seeded from rng (a random.Random), so the same (n, seed, family) always
builds the same input.

Families:
  random    x uniform in [-3, 3], gamma, beta and dy uniform in [-2, 2], eps 1e-5
  offset    every row a large offset (up to +-95) plus a small spread (0.01 to 1):
            a large mean, a small variance
  constant  about a quarter of the rows constant (variance 0, only eps keeps
            the division finite), the rest as in `random`; eps 1e-3
"""

import numpy as np

FAMILIES = ("random", "offset", "constant")

FEATURES = 32


def generate(n, rng, family="random"):
    """Build [x, gamma, beta, dy, eps] for a batch of n rows from rng."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")
    draw = np.random.default_rng(rng.getrandbits(64))
    shape = (n, FEATURES)
    x = draw.uniform(-3.0, 3.0, shape)
    eps = 1e-5
    if family == "offset":
        spread = draw.uniform(0.01, 1.0, (n, 1)) * draw.standard_normal(shape)
        x = np.clip(draw.uniform(-95.0, 95.0, (n, 1)) + spread, -100.0, 100.0)
    elif family == "constant":
        flat = draw.random(n) < 0.25
        x[flat] = draw.uniform(-50.0, 50.0, (int(flat.sum()), 1))
        eps = 1e-3
    gamma = draw.uniform(-2.0, 2.0, FEATURES)
    beta = draw.uniform(-2.0, 2.0, FEATURES)
    dy = draw.uniform(-2.0, 2.0, shape)
    return [x, gamma, beta, dy, eps]
