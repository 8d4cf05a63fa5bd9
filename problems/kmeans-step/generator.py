"""Input generator for kmeans-step: generate(n, rng, family) -> [X, centroids].

n points and k = 8 centroids in d = 4 dimensions, float64 arrays whose
coordinates are all multiples of 0.25 within [-1000, 1000], as the statement
promises: every squared distance is then exact in float64, so equal distances
are exactly equal in any formula. Built with a NumPy generator seeded from
rng, so the same (n, rng, family) always gives the same input.

Families:
  blobs   points around 8 random centres (spread of a few units); the
          centroids are 8 of the points (Forgy initialisation)
  ties    points and centroids on the integer grid {-3..3}^4 with centroids
          mirrored in pairs: many points lie exactly between two centroids,
          so the smallest-index rule decides their label
  empty   blobs, but 3 centroids sit far away (two of them equal), so their
          clusters stay empty and must keep their old positions
"""

import numpy

FAMILIES = ("blobs", "ties", "empty")

K = 8
DIM = 4


def _quarters(values):
    """Round to the nearest multiple of 0.25."""
    return numpy.round(values * 4.0) / 4.0


def _blobs(gen, n):
    centres = gen.uniform(-100.0, 100.0, (K, DIM))
    which = gen.integers(0, K, n)
    return _quarters(centres[which] + gen.normal(0.0, 5.0, (n, DIM)))


def generate(n, rng, family="blobs"):
    """Build [X, centroids] with n points from rng (a random.Random)."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")
    gen = numpy.random.default_rng(rng.getrandbits(64))
    if family == "ties":
        X = gen.integers(-3, 4, (n, DIM)).astype(numpy.float64)
        half = gen.integers(-3, 4, (K // 2, DIM)).astype(numpy.float64)
        mirrored = half * numpy.array([-1.0, 1.0, 1.0, 1.0])  # reflected in the first axis
        return [X, numpy.concatenate([half, mirrored])[gen.permutation(K)]]
    X = _blobs(gen, n)
    if n >= K:
        centroids = X[gen.choice(n, K, replace=False)]
    else:
        centroids = _quarters(gen.uniform(-100.0, 100.0, (K, DIM)))
    if family == "empty":
        far = _quarters(gen.uniform(900.0, 1000.0, (2, DIM)))
        centroids[-3:] = [far[0], far[1], far[0]]
    return [X, centroids]
