# Registers an exit hook that would write the right answer, then raises.
import atexit
import json
import os


def add(a, b):
    atexit.register(lambda: os.write(3, json.dumps({"returned": a + b}).encode()))
    raise RuntimeError("the hook must never run")
