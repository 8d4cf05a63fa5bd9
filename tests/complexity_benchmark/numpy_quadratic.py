# Trap: no Python loop at all, but the outer product has n^2 entries.
import numpy as np

EXPECTED = "O(n^2)"
MAX_N = 2048


def generate(n, rng, family="random"):
    return [[rng.random() for _ in range(n)]]


def solve(values):
    x = np.asarray(values)
    distances = np.abs(np.subtract.outer(x, x))
    return float(distances.sum())
