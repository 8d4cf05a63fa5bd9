# Trap: exponential-looking recursion made linear by memoisation.
from functools import lru_cache

EXPECTED = "O(n)"
MIN_N, MAX_N = 4, 512


def generate(n, rng, family="random"):
    return [n]


def solve(n):
    @lru_cache(maxsize=None)
    def ways(k):
        return 1 if k < 2 else ways(k - 1) + ways(k - 2)

    return ways(n)
