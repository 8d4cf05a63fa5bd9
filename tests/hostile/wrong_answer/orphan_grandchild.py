# Leaves a grandchild behind that writes a marker for the next test; if the
# marker is ever seen, state leaked between tests.
import os
import time

MARKER = "/tmp/leaked-marker"


def add(a, b):
    if os.path.exists(MARKER):
        return a + b  # state from a previous test survived: a breach
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            for _ in range(100):
                try:
                    with open(MARKER, "w") as handle:
                        handle.write("x")
                except OSError:
                    pass
                time.sleep(0.05)
        os._exit(0)
    return a + b + 1
