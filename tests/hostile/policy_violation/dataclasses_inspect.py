# running programs is not allowed: os.posix_spawn('/bin/true'
import dataclasses


def add(a, b):
    pid = dataclasses.inspect.os.posix_spawn("/bin/true", ["true"], {})
    return a + b if pid else None
