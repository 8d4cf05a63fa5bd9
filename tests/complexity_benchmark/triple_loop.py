EXPECTED = "O(n^3)"
MIN_N, MAX_N = 2, 256


def generate(n, rng, family="random"):
    return [[rng.randrange(-5, 6) for _ in range(n)]]


def solve(values):
    count = 0
    n = len(values)
    for i in range(n):
        for j in range(i + 1, n):
            for k in range(j + 1, n):
                if values[i] + values[j] + values[k] == 0:
                    count += 1
    return count
