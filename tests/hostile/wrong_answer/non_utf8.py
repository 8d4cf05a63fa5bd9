import sys


def add(a, b):
    sys.stdout.buffer.write(b"\xff\xfe\xfd not utf-8 \x80\n")
    return "\udcff" + str(a + b)
