def add(a, b):
    return "x" * (10 * 1024 * 1024)
