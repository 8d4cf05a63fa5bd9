import numpy as np


def add(a, b):
    return int(np.ones((100_000, 100_000)).sum())
