EXPECTED = "O(n)"


def generate(n, rng, family="random"):
    return [[rng.random() for _ in range(n)]]


def solve(values):
    total = 0.0
    for value in values:
        total += value * value
    return total
