# Trap: `in` on a list is a linear scan hidden in one operator.
EXPECTED = "O(n^2)"


def generate(n, rng, family="random"):
    values = list(range(n))
    rng.shuffle(values)
    return [values]


def solve(values):
    seen = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return len(seen)
