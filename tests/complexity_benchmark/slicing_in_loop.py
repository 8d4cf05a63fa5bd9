# Trap: each slice copies the rest of the list.
EXPECTED = "O(n^2)"


def generate(n, rng, family="random"):
    return [[rng.random() for _ in range(n)]]


def solve(values):
    best = 0.0
    for i in range(len(values)):
        tail = values[i:]
        best = max(best, tail[0])
    return best
