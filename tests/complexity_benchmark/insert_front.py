# Trap: list.insert(0, x) shifts every element.
EXPECTED = "O(n^2)"


def generate(n, rng, family="random"):
    return [[rng.random() for _ in range(n)]]


def solve(values):
    reversed_values = []
    for value in values:
        reversed_values.insert(0, value)
    return reversed_values[0]
