"""A job's zygote: one interpreter prepared once, forked into a fresh process for each test.

Starting an interpreter, importing the sandbox's modules and NumPy costs tens
of milliseconds, more than most tests themselves. So the supervisor execs one
zygote per job and code (the candidate's, the problem's generator; started
before the job arrives, they wait for it): it reads its header (mode, kind,
entry point, code, limits) on stdin, takes the tests' address-space limit,
imports the allowed modules the code imports and compiles the code
(``runner.prepare``), makes itself non-dumpable and then forks one process
per test.

Candidate code never runs here: the module executes in each test's process,
so every test starts from the same post-import state and nothing one test
does reaches the next; the run-time guard, which refuses ``os.fork``, is
installed in the test's process too. The zygote holds no secret (the job's
nonce stays in the supervisor) and nothing of a test's.

Protocol on ``wire.ZYGOTE_CONTROL_FD``, a Unix socket to the supervisor: the
zygote sends ``wire.ZYGOTE_READY`` once prepared; each request is one byte carrying the test's
stdin, stdout, stderr and result descriptors; the answer is the test
process's pid and a newline (``0`` when it could not start). The test's
process is forked by a short-lived intermediate child, so it is orphaned at
once and the supervisor, PID 1, becomes its parent: it waits for it, reads its
resource usage and stops it exactly as it would a child of its own.
"""

import gc
import json
import math
import os
import resource
import sys

from tsbox import runner, wire

PR_SET_DUMPABLE = 4


def _set_dumpable(flag):
    import ctypes  # the zygote's own tool: imported after the note of the test's modules

    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, flag, 0, 0, 0)


def _read_all(fd):
    chunks = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _become_test(fds, header, code, modules):
    """In the test's process: its own session and CPU limit, its descriptors only, the modules a runner
    has (``modules``: not the zygote's own, which the guard would otherwise find imported), then the test."""
    try:
        os.setsid()
        # A backstop only (whole seconds): the supervisor stops the test at its exact CPU limit.
        cpu_soft = int(math.ceil(header["limits"]["cpu_seconds"])) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_soft, cpu_soft + 1))
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        os.closerange(len(fds), 65536)
        os.chdir(header["workdir"])
        _set_dumpable(1)  # as a freshly exec'd process would be; the zygote stays hidden
        for name in set(sys.modules) - modules:
            del sys.modules[name]
        runner.run_test(header, code)
    finally:
        os._exit(127)


def _spawn(fds, header, code, modules):
    """Fork the test's process through an intermediate child that leaves at once; return its pid."""
    report_r, report_w = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    middle = os.fork()
    if middle == 0:
        try:
            os.close(report_r)
            child = os.fork()
            if child == 0:
                os.close(report_w)
                _become_test(fds, header, code, modules)
            os.write(report_w, b"%d" % child)
        finally:
            os._exit(0)
    os.close(report_w)
    try:
        answer = _read_all(report_r)
    finally:
        os.close(report_r)
        os.waitpid(middle, 0)  # after this the test's process is the supervisor's child
    return int(answer or b"0")


def main():
    header = json.loads(_read_all(0))
    address_space = header["limits"]["memory_mb"] * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    code = runner.prepare(header)
    modules = set(sys.modules)
    import socket  # likewise

    _set_dumpable(0)
    gc.freeze()  # what the tests inherit stays put: their collections need not walk it again and again
    control = socket.socket(fileno=wire.ZYGOTE_CONTROL_FD)
    control.sendall(wire.ZYGOTE_READY)
    while True:
        message, fds, _, _ = socket.recv_fds(control, 1, 4)
        if not message:
            os._exit(0)  # the supervisor is done with this zygote
        try:
            pid = _spawn(fds, header, code, modules) if len(fds) == 4 else 0
        except OSError:  # no fork possible: the test cannot start
            pid = 0
        finally:
            for fd in fds:
                os.close(fd)
        control.sendall(b"%d\n" % pid)


if __name__ == "__main__":
    main()
