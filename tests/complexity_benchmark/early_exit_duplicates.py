# Trap: on random input a duplicate turns up at once; the all-distinct family is the worst case.
EXPECTED = "O(n^2)"
MAX_N = 4096
FAMILIES = ("random", "distinct")


def generate(n, rng, family="random"):
    if family == "distinct":
        return [list(range(n))]
    return [[rng.randrange(4) for _ in range(n)]]


def solve(values):
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            if values[i] == values[j]:
                return True
    return False
