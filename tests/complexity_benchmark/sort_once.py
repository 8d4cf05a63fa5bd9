EXPECTED = "O(n log n)"


def generate(n, rng, family="random"):
    return [[rng.random() for _ in range(n)]]


def solve(values):
    ordered = sorted(values)
    return ordered[len(ordered) // 2]
