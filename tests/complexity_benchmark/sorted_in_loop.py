# Trap: one line, but sorted() copies and sorts the whole list on every iteration.
EXPECTED = "O(n^2 log n)"
MAX_N = 2048


def generate(n, rng, family="random"):
    return [[rng.random() for _ in range(n)]]


def solve(values):
    medians = []
    for _ in values:
        medians.append(sorted(values)[len(values) // 2])
    return medians[-1]
