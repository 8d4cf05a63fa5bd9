# Reading the supervisor's memory, environment or descriptors would expose the
# job's nonce and stdout; PID 1 is not dumpable, so each read must fail.
def add(a, b):
    for path in ("/proc/1/environ", "/proc/1/mem", "/proc/1/fd/1", "/proc/1/maps"):
        with open(path, "rb") as handle:
            handle.read(1)
    return a + b
