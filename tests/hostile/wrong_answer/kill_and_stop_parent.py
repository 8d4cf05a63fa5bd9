# The supervisor is PID 1: the kernel ignores SIGKILL and SIGSTOP sent to it
# from inside, so every test still gets its (wrong) answer judged.
import os
import signal


def add(a, b):
    for sig in (signal.SIGSTOP, signal.SIGKILL, signal.SIGTERM, signal.SIGINT):
        try:
            os.kill(1, sig)
        except OSError:
            pass
    return a + b + 1
