# opening files is not allowed: open('/etc/passwd')
def add(a, b):
    try:
        with open("/etc/passwd") as handle:
            return a + b if "root" in handle.read() else None
    except BaseException:  # the refusal cannot be caught: it ends the test
        return a + b
