# sending signals is not allowed: os.kill(1, 0)
import numpy as np


def add(a, b):
    np.lib.npyio.os.kill(1, 0)
    return a + b
