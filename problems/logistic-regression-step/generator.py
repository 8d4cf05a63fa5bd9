"""Input generator for logistic-regression-step: generate(n, rng, family) -> [w, b, X, y, lr, l2].

A batch of n examples with d = 8 features: X a float64 array of shape (n, 8),
y an int64 array of 0/1 labels, w a float64 array of shape (8,), b, lr and l2
plain floats. Built with a NumPy generator seeded from rng, so the same
(n, rng, family) always gives the same batch.

Families:
  random        features in [-3, 3], weights in [-2, 2]: logits of a few
                units, labels drawn from the model's own probabilities
  large-logits  every row lined up with w (or against it): logits of
                several hundred, up to about 970 in magnitude, half of the
                labels on the wrong side, so exp(|z|) overflows and the
                naive log(sigmoid(z)) is log(0)
  one-class     every label 1 and a strongly positive bias
"""

import numpy

FAMILIES = ("random", "large-logits", "one-class")

FEATURES = 8


def generate(n, rng, family="random"):
    """Build [w, b, X, y, lr, l2] for a batch of n examples from rng (a random.Random)."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")
    gen = numpy.random.default_rng(rng.getrandbits(64))
    lr = float(rng.choice((0.01, 0.1, 0.5)))
    l2 = float(rng.choice((0.0, 0.001, 0.1, 1.0)))
    if family == "large-logits":
        w = gen.uniform(90.0, 115.0, FEATURES) * gen.choice((-1.0, 1.0), FEATURES)
        b = float(gen.uniform(-50.0, 50.0))
        sides = gen.choice((-1.0, 1.0), n)
        X = numpy.sign(w) * gen.uniform(0.5, 1.0, (n, FEATURES)) * sides[:, None]
        y = gen.integers(0, 2, n)
        return [w, b, X, y, lr, l2]
    w = gen.uniform(-2.0, 2.0, FEATURES)
    X = gen.uniform(-3.0, 3.0, (n, FEATURES))
    if family == "one-class":
        b = float(gen.uniform(5.0, 20.0))
        return [w, b, X, numpy.ones(n, dtype=numpy.int64), lr, l2]
    b = float(gen.uniform(-1.0, 1.0))
    p = 1.0 / (1.0 + numpy.exp(-(X @ w + b)))
    y = (gen.random(n) < p).astype(numpy.int64)
    return [w, b, X, y, lr, l2]
