import operator
from collections import deque
from functools import reduce

EXPECTED = "O(n^2)"


def generate(n, rng, family="random"):
    return [[rng.random() for _ in range(n)], max(1, n // 4)]


def solve(values, window):
    recent, total = deque(maxlen=window), 0.0
    for value in values:
        recent.append(value)
        total += reduce(operator.add, recent)  # the whole window, walked in C
    return total
