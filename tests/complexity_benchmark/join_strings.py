EXPECTED = "O(n)"


def generate(n, rng, family="random"):
    return [[str(rng.randrange(1000)) for _ in range(n)]]


def solve(words):
    return len(",".join(word.upper() for word in words))
