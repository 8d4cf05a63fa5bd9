EXPECTED = "O(n)"


def generate(n, rng, family="random"):
    return [[rng.randrange(100) for _ in range(n)]]


def solve(values):
    evens = []
    for value in values:
        if value % 2 == 0:
            evens.append(value)
    return len(evens)
