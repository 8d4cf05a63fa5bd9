import bisect

EXPECTED = "O(n^2)"


def generate(n, rng, family="random"):
    return [[rng.random() for _ in range(n)]]


def solve(values):
    ordered = []
    for value in values:
        bisect.insort(ordered, value)  # a binary search, then the insert moves the items after it
    return ordered[len(ordered) // 2]
