def add(a, b):
    return 10 ** 100_000
