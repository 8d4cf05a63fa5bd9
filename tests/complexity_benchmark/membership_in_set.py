EXPECTED = "O(n)"


def generate(n, rng, family="random"):
    values = list(range(n))
    rng.shuffle(values)
    return [values]


def solve(values):
    seen = set()
    for value in values:
        if value not in seen:
            seen.add(value)
    return len(seen)
