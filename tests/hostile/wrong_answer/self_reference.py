def add(a, b):
    loop = [a + b]
    loop.append(loop)
    return loop
