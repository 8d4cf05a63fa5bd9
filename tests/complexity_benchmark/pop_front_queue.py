# Trap: a list used as a queue; pop(0) shifts every element.
EXPECTED = "O(n^2)"


def generate(n, rng, family="random"):
    return [list(range(n))]


def solve(values):
    queue = list(values)
    total = 0
    while queue:
        total += queue.pop(0)
    return total
