def add(a, b):
    for path in ("/etc/passwd", "/usr/bin/python3", "/opt/techscreen/tsbox/runner.py", "/breach"):
        with open(path, "a") as handle:  # must fail: the root is read-only
            handle.write("x")
    return a + b
