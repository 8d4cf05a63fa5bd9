import os


def add(a, b):
    pipes = []
    while True:
        pipes.append(os.pipe())
