def add(a, b):
    return len(b"x" * 10 ** 10)
