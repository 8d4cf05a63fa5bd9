def add(a, b):
    return add(a, b) + 0
