EXPECTED = "O(2^n)"
MIN_N, MAX_N = 2, 128


def generate(n, rng, family="random"):
    return [n]


def solve(n):
    return n if n < 2 else solve(n - 1) + solve(n - 2)
