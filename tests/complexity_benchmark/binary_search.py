EXPECTED = "O(log n)"


def generate(n, rng, family="random"):
    values = sorted(rng.randrange(10 * n) for _ in range(n))
    return [values, values[-1] + 1]


def solve(values, target):
    low, high = 0, len(values)
    while low < high:
        middle = (low + high) // 2
        if values[middle] < target:
            low = middle + 1
        else:
            high = middle
    return low
