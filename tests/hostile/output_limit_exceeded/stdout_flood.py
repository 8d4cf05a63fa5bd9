def add(a, b):
    while True:
        print("flood " * 1000)
