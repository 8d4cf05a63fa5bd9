EXPECTED = "O(1)"


def generate(n, rng, family="random"):
    return [[rng.random() for _ in range(n)], n // 2]


def solve(values, index):
    middle = values[index]
    return middle * 2 + values[0]
