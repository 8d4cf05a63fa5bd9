import os


def add(a, b):
    for fd in (0, 1, 2):
        os.close(fd)
    return a + b + 1
