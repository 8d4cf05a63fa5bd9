# Trap: two nested loops, but the inner pointer only ever moves forward: O(n).
EXPECTED = "O(n)"


def generate(n, rng, family="random"):
    return [[rng.randrange(1, 10) for _ in range(n)], 20]


def solve(values, budget):
    best = start = total = 0
    for end, value in enumerate(values):
        total += value
        while total > budget:
            total -= values[start]
            start += 1
        best = max(best, end - start + 1)
    return best
