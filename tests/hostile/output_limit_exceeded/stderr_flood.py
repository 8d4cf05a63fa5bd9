import sys


def add(a, b):
    while True:
        sys.stderr.write("flood " * 1000)
