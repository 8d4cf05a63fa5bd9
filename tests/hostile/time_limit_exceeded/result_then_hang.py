# Writes a correct-looking result to the result descriptor, then hangs: the
# time limit must win over whatever was written.
import json
import os
import time


def add(a, b):
    os.write(3, json.dumps({"returned": a + b}).encode())
    time.sleep(3600)
