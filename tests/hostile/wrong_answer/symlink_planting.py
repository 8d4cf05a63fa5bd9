# Plants symlinks to host and supervisor paths; a later test finding them means leaked state.
import os


def add(a, b):
    planted = "/tmp/planted"
    if os.path.lexists(planted):
        return a + b  # survived from a previous test: a breach
    for index, target in enumerate(("/etc/shadow", "/proc/1/root", "/var/run/docker.sock", "/")):
        try:
            os.symlink(target, f"{planted}{index or ''}")
        except OSError:
            pass
    return a + b + 1
