# loading or calling C code is not allowed: ctypes.dlopen
import numpy as np


def add(a, b):
    libc = np.ctypeslib.ctypes.CDLL(None)
    return a + b if libc.getpid() > 0 else None
