from collections import deque

EXPECTED = "O(n)"


def generate(n, rng, family="random"):
    return [list(range(n))]


def solve(values):
    queue = deque(values)
    total = 0
    while queue:
        total += queue.popleft()
    return total
