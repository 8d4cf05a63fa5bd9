"""The sandbox container's PID 1: runs each test in a fresh child process.

Reads a job from stdin (its JSON document, then the inputs it carries),
then for every test has the job's zygote
(``tsbox.zygote``, one interpreter per job and code, started here with the
address-space and core limits) fork a fresh process for it, which sets its own
CPU limit and runs ``tsbox.runner``; feeds it the test's input, captures its
stdout and stderr (kept up to a few KiB, counted in full against the output
limit), stops it at its CPU limit, its waiting limit or the wall-clock
backstop (``tsbox.cpuclock``), and writes one frame per test to stdout. After
each test every other process in the container but the zygotes is killed and
reaped and ``/tmp`` is emptied, so nothing a test leaves behind reaches the
next; a zygote a test killed or stopped is started again or continued.
After the job's end frame it reads the next job, until stdin ends: the host
sends a submission's further jobs (the measurement after the verdict's tests)
to the container of its first. Between two jobs the zygotes go too, so the
next job starts from the state the first one found.

Being PID 1 matters: the kernel drops SIGKILL and SIGSTOP sent to a
namespace's init from inside it, so candidate code cannot kill or stop us.
The process also makes itself non-dumpable, which hides its memory and file
descriptors (and so the job's nonce and stdout) from same-user processes.
"""

import ctypes
import fcntl
import json
import math
import os
import resource
import select
import shutil
import signal
import socket
import sys
import time
import traceback

from tsbox import cpuclock, wire

PYTHON = "/usr/bin/python3"
WORK_ROOT = "/tmp"
WORK_DIR = os.path.join(WORK_ROOT, "work")
ZYGOTE_ANSWER_SECONDS = 30.0  # a fork takes milliseconds; this only catches a zygote that cannot answer
# Zygote processes started before the job arrives: one, the candidate's code's (each costs ~25 ms of CPU; the
# hosts carry the generated inputs in, so the generator's is started only by a job that builds one).
ZYGOTES_STARTED_AHEAD = 1
MAX_JOB_BYTES = 64 * 1024 * 1024
PR_SET_DUMPABLE = 4
CHUNK = 65536
POLL_SECONDS = 0.02  # how often a running test's CPU time is read: the precision of the CPU limit
CHILD_ENV_BASE = {
    "PATH": "/usr/bin:/bin",
    "PYTHONPATH": "/opt/techscreen",
    "PYTHONHASHSEED": "0",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONIOENCODING": "utf-8",
    "LC_ALL": "C.UTF-8",
    # One malloc arena: glibc reserves 64 MB of address space for each further arena, created when threads
    # happen to contend, so under RLIMIT_AS threaded code would pass or fail ("can't start new thread") by
    # timing alone.
    "MALLOC_ARENA_MAX": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
OOM_COUNTER_FILES = (
    "/sys/fs/cgroup/memory.events",  # cgroup v2
    "/sys/fs/cgroup/memory/memory.oom_control",  # cgroup v1
)


def oom_kills():
    """Return the container's count of OOM kills, or None if unreadable."""
    for path in OOM_COUNTER_FILES:
        try:
            with open(path) as handle:
                for line in handle:
                    name, _, value = line.partition(" ")
                    if name == "oom_kill":
                        return int(value)
        except OSError:
            continue
    return None


def make_undumpable():
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


# The job's live zygotes by pid: spared when the container is cleared between tests.
ZYGOTES = {}
ROUNDS_SPARING_ZYGOTES = 100


def _others():
    """Pids of the container's processes but ourselves and the zygotes (zombies included)."""
    me = os.getpid()
    return [int(entry) for entry in os.listdir("/proc")
            if entry.isdigit() and int(entry) != me and int(entry) not in ZYGOTES]


def _kill_all_quietly():
    if not ZYGOTES:
        try:
            os.kill(-1, signal.SIGKILL)  # as PID 1, this spares only ourselves
        except ProcessLookupError:
            pass
        return
    for pid in _others():
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _reap_children():
    """Reap every child that has ended; a zygote among them is marked gone. True when any was reaped."""
    reaped_any = False
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return reaped_any
        if pid == 0:
            return reaped_any
        reaped_any = True
        zygote = ZYGOTES.pop(pid, None)
        if zygote is not None:
            zygote.gone()


def kill_everything_else():
    """Kill and reap every process in the container except ourselves and the zygotes.

    Should a test's processes outpace the rounds that spare the zygotes, the
    zygotes go too (and start again when next needed).
    """
    for round_number in range(2 * ROUNDS_SPARING_ZYGOTES):
        if round_number == ROUNDS_SPARING_ZYGOTES:
            for zygote in list(ZYGOTES.values()):
                zygote.stop()
        _kill_all_quietly()
        reaped_any = _reap_children()
        if not _others():
            return
        if not reaped_any:
            time.sleep(0.005)


def empty_work_root():
    for entry in os.listdir(WORK_ROOT):
        path = os.path.join(WORK_ROOT, entry)
        if os.path.isdir(path) and not os.path.islink(path):
            _make_removable(path)
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                os.unlink(path)
            except OSError:
                pass


def _make_removable(top):
    """Give back owner permissions a test may have taken off its own dirs."""
    for root, dirs, _ in os.walk(top):
        for name in dirs:
            try:
                os.chmod(os.path.join(root, name), 0o700, follow_symlinks=False)
            except OSError:
                pass
    try:
        os.chmod(top, 0o700)
    except OSError:
        pass


class Capture:
    """Keeps the first ``keep`` bytes of a stream and counts all of them."""

    def __init__(self, keep):
        self.keep = keep
        self.data = bytearray()
        self.total = 0

    def add(self, chunk):
        self.total += len(chunk)
        room = self.keep - len(self.data)
        if room > 0:
            self.data += chunk[:room]

    def text(self):
        return self.data.decode("utf-8", "replace")


def _high_fd(fd):
    """A copy of ``fd`` above the standard descriptors, so that moving the others onto them cannot clobber it."""
    return fcntl.fcntl(fd, fcntl.F_DUPFD, 10)


def _exec_zygote(header_r, control_fd):
    """In the forked child: no core files, the descriptors, then exec the zygote (it sets its address space
    from its header)."""
    try:
        os.setsid()
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        header_r, control_fd = _high_fd(header_r), _high_fd(control_fd)
        devnull = _high_fd(os.open("/dev/null", os.O_WRONLY))
        os.dup2(header_r, 0)
        os.dup2(devnull, 1)  # 2 stays the container's stderr: a zygote's own failure shows there
        os.dup2(control_fd, wire.ZYGOTE_CONTROL_FD)
        os.closerange(wire.ZYGOTE_CONTROL_FD + 1, 65536)
        os.chdir("/")
        env = dict(CHILD_ENV_BASE, HOME=WORK_DIR, TMPDIR=WORK_DIR)
        os.execve(PYTHON, [PYTHON, "-s", "-P", "-B", "-m", "tsbox.zygote"], env)
    finally:
        os._exit(127)


def start_zygote_process():
    """An exec'd zygote waiting for its header: ``(pid, control socket, header pipe)``.

    The supervisor starts them before it reads its job (a warm container has them up while it waits), so
    a job finds its interpreters started.
    """
    header_r, header_w = os.pipe()
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    pid = os.fork()
    if pid == 0:
        _exec_zygote(header_r, theirs.fileno())
    os.close(header_r)
    theirs.close()
    return pid, ours, header_w


def end_zygote_process(process):
    pid, control, header_w = process
    control.close()
    os.close(header_w)
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


class Zygote:
    """The supervisor's end of one zygote: prepared before the job's first test, again after a test ended it."""

    def __init__(self, header, limits):
        self.header = dict(header, limits=limits, workdir=WORK_DIR)
        self.limits = limits
        self.pid = None
        self.control = None

    def begin(self, process=None):
        """Give the zygote ``process`` (default: a new one) its header; it prepares meanwhile."""
        pid, self.control, header_w = process or start_zygote_process()
        self.pid = pid
        ZYGOTES[pid] = self
        try:
            with os.fdopen(header_w, "wb") as stream:
                stream.write(json.dumps(self.header).encode("utf-8"))
        except OSError:
            self.stop()

    def wait_ready(self):
        """Wait until the zygote is prepared; one that cannot be is stopped (its tests cannot start)."""
        if self.control is not None and self._read_line(self.limits["wall_seconds"],
                                                        until=wire.ZYGOTE_READY) != wire.ZYGOTE_READY:
            self.stop()

    def ensure(self):
        """Start the zygote again if a test ended it; continue it should a test have stopped it."""
        if self.pid is not None and os.waitpid(self.pid, os.WNOHANG)[0] == self.pid:
            ZYGOTES.pop(self.pid, None)
            self.gone()
        if self.pid is None:
            self.begin()
            self.wait_ready()
        else:
            os.kill(self.pid, signal.SIGCONT)

    def spawn(self, fds):
        """Have the zygote fork the test's process with ``fds`` as its stdin, stdout, stderr and result
        descriptors; return its pid (our child by now), or 0 when it could not start."""
        if self.control is None:
            return 0
        try:
            socket.send_fds(self.control, [b"F"], list(fds))
            answer = self._read_line(ZYGOTE_ANSWER_SECONDS)
        except OSError:
            answer = b""
        if not answer.strip().isdigit() or int(answer) == 0:
            self.stop()
            return 0
        return int(answer)

    def gone(self):
        """The zygote ended and was reaped."""
        self.pid = None
        self._close()

    def stop(self):
        if self.pid is not None:
            ZYGOTES.pop(self.pid, None)
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        self.gone()

    def _read_line(self, seconds, until=b"\n"):
        """Bytes from the zygote up to ``until``, or what came before the time ran out or it closed."""
        deadline = time.monotonic() + seconds
        data = b""
        while not data.endswith(until):
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.control], [], [], remaining)[0]:
                return data
            chunk = self.control.recv(64)
            if not chunk:
                return data
            data += chunk
        return data

    def _close(self):
        if self.control is not None:
            self.control.close()
            self.control = None


class TestRun:
    """One child process running one test, and everything read from it."""

    def __init__(self, payload, limits):
        self.payload = memoryview(payload)
        self.limits = limits
        self.stdout = Capture(limits["log_bytes"])
        self.stderr = Capture(limits["log_bytes"])
        self.result = Capture(limits["output_bytes"] + 1)
        self.status = None
        self.detail = ""

    def run(self, zygote):
        os.mkdir(WORK_DIR, 0o700)
        zygote.ensure()  # before the clock starts: preparing the zygote is not the test's work
        stdin_r, stdin_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        result_r, result_w = os.pipe()
        ooms_before = oom_kills()
        clock = cpuclock.CpuClock(excluded=frozenset(ZYGOTES))
        pid = zygote.spawn((stdin_r, out_w, err_w, result_w))
        if not pid:  # the previous test killed the zygote, which had not yet died when ensure() looked: once more
            zygote.ensure()
            clock = cpuclock.CpuClock(excluded=frozenset(ZYGOTES))
            pid = zygote.spawn((stdin_r, out_w, err_w, result_w))
        for fd in (stdin_r, out_w, err_w, result_w):
            os.close(fd)
        if not pid:
            for fd in (stdin_w, out_r, err_r, result_r):
                os.close(fd)
            return {"status": "crashed", "detail": "the test's process could not be started"}, b""
        clock.pid = pid
        try:
            self._pump(pid, clock, stdin_w, {out_r: self.stdout, err_r: self.stderr,
                                              result_r: self.result})
            _kill_all_quietly()
            _, wait_status, usage = os.wait4(pid, 0)
            kill_everything_else()
            self._drain({out_r: self.stdout, err_r: self.stderr, result_r: self.result})
        finally:
            for fd in (out_r, err_r, result_r):
                os.close(fd)
        wall = clock.wall()
        cpu = max(usage.ru_utime + usage.ru_stime, clock.cpu())
        self._classify(wait_status, cpu, oom_kills(), ooms_before)
        meta = {
            "status": self.status,
            "detail": self.detail,
            "exit_code": os.waitstatus_to_exitcode(wait_status),
            "cpu_ms": round(cpu * 1000, 3),
            "wall_ms": round(wall * 1000, 3),
            "max_rss_kb": usage.ru_maxrss,
            "stdout": self.stdout.text(),
            "stderr": self.stderr.text(),
            "stdout_bytes": self.stdout.total,
            "stderr_bytes": self.stderr.total,
        }
        return meta, bytes(self.result.data) if self.status != "output_limit" else b""

    def _pump(self, pid, clock, stdin_w, readers):
        """Feed stdin and read outputs until the child exits or a limit is hit."""
        os.set_blocking(stdin_w, False)
        pidfd = os.pidfd_open(pid)
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        poller.register(stdin_w, select.POLLOUT)
        for fd in readers:
            poller.register(fd, select.POLLIN)
        open_readers = set(readers)
        try:
            while True:
                if self._over_time(pid, clock):
                    return
                for fd, _ in poller.poll(POLL_SECONDS * 1000):
                    if fd == pidfd:
                        return
                    if fd == stdin_w:
                        stdin_w = self._feed(poller, stdin_w)
                    elif fd in open_readers:
                        chunk = os.read(fd, CHUNK)
                        if not chunk:
                            poller.unregister(fd)
                            open_readers.discard(fd)
                        else:
                            readers[fd].add(chunk)
                if self._over_output_limit():
                    self._stop(pid, "output_limit", "output larger than %d bytes"
                               % self.limits["output_bytes"])
                    return
        finally:
            os.close(pidfd)
            if stdin_w is not None:
                os.close(stdin_w)

    def _over_time(self, pid, clock):
        """Stop the test at its CPU limit, when it waited too long, or at the wall backstop.

        Only CPU time and waiting time give a verdict. Reaching the backstop
        while neither limit was reached means the machine gave the test too
        little CPU: ``unfinished``, for the host to run again, never a verdict.
        """
        limits = self.limits
        cpu = clock.cpu()
        if cpu >= limits["cpu_seconds"]:
            self._stop(pid, "timeout", "CPU time limit of %.2f s exceeded" % limits["cpu_seconds"])
            return True
        wall = clock.wall()
        if wall - cpu > limits["idle_seconds"]:
            waited = clock.waited(cpu)
            if waited > limits["idle_seconds"]:
                self._stop(pid, "timeout", "wall-clock limit: the code waited %.1f s without using CPU "
                           "(CPU time %.2f s of its %.2f s)" % (waited, cpu, limits["cpu_seconds"]))
                return True
        if wall >= limits["wall_seconds"]:
            self._stop(pid, "unfinished", "not finished: the machine was too busy (%.2f s of CPU in %.1f s; "
                       "CPU limit %.2f s)" % (cpu, wall, limits["cpu_seconds"]))
            return True
        return False

    def _feed(self, poller, stdin_w):
        try:
            written = os.write(stdin_w, self.payload[:CHUNK])
        except BrokenPipeError:
            written = len(self.payload)
        self.payload = self.payload[written:]
        if self.payload:
            return stdin_w
        poller.unregister(stdin_w)
        os.close(stdin_w)
        return None

    def _over_output_limit(self):
        limit = self.limits["output_bytes"]
        return self.stdout.total + self.stderr.total > limit or self.result.total > limit

    def _stop(self, pid, status, detail):
        self.status, self.detail = status, detail
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def _drain(self, readers):
        """Read what is left in the pipes; every writer is dead by now."""
        for fd, capture in readers.items():
            os.set_blocking(fd, False)
            while True:
                try:
                    chunk = os.read(fd, CHUNK)
                except BlockingIOError:
                    break
                if not chunk:
                    break
                capture.add(chunk)
        if self.status is None and self._over_output_limit():
            self.status, self.detail = "output_limit", "output larger than %d bytes" % (
                self.limits["output_bytes"])

    def _classify(self, wait_status, cpu, ooms_after, ooms_before):
        if self.status is not None:
            return
        limit = self.limits["cpu_seconds"]
        signum = os.WTERMSIG(wait_status) if os.WIFSIGNALED(wait_status) else None
        if signum == signal.SIGXCPU or cpu >= limit:
            self.status, self.detail = "timeout", "CPU time limit of %.2f s exceeded" % limit
        elif ooms_before is not None and ooms_after is not None and ooms_after > ooms_before:
            self.status, self.detail = "memory", "killed for using more memory than allowed"
        elif signum == signal.SIGKILL and cpu >= limit:
            self.status, self.detail = "timeout", "CPU time limit of %.2f s exceeded" % limit
        elif signum is not None:
            self.status, self.detail = "crashed", "killed by signal %s" % signal.Signals(signum).name
        elif os.WEXITSTATUS(wait_status) != 0:
            self.status = "crashed"
            self.detail = "exited with status %d" % os.WEXITSTATUS(wait_status)
        else:
            self.status = "completed"


def write_frame(out_fd, nonce, index, meta, body):
    meta_bytes = json.dumps(meta, separators=(",", ":")).encode("utf-8")
    write_all(out_fd, wire.frame_header(nonce, index, len(meta_bytes), len(body)) + meta_bytes + body + b"\n")


def write_all(out_fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(out_fd, view):]


def read_job():
    """The next job's JSON document, a line on stdin, or None when stdin has ended; the inputs it carries
    follow it, each test's ``carried_bytes`` in the tests' order, read as their tests come
    (``read_carried``)."""
    document = sys.stdin.buffer.readline(MAX_JOB_BYTES + 1)
    if not document:
        return None
    if not document.endswith(b"\n"):
        raise SystemExit("job document larger than %d bytes, or cut off" % MAX_JOB_BYTES)
    job = json.loads(document)
    carried = sum(test.get("carried_bytes") or 0 for test in job["tests"])
    if len(document) + carried > MAX_JOB_BYTES:
        raise SystemExit("job larger than %d bytes" % MAX_JOB_BYTES)
    return job


def read_carried(test):
    """The input ``test`` carries, read from stdin now: a job the host ends early (its measurement already
    decisive) never waits for the large inputs it would not use, and its first test runs while the rest
    still arrive."""
    size = test.get("carried_bytes")
    if size is None:
        return None
    data = sys.stdin.buffer.read(size)
    if len(data) != size:
        raise SystemExit("the job's input ended after %d of a test's %d bytes" % (len(data), size))
    return data


# The job's mode and the runner mode its tests run in.
RUNNER_MODES = {"run": "call", "measure": "measure", "generate": "generate"}


class JobZygotes:
    """A job's zygotes: the candidate's code (guarded when the job lists imports), unless the job only
    generates inputs, and the problem's generator, when the job has generated inputs."""

    def __init__(self, job):
        def header(mode, code):
            return {"mode": mode, "kind": job["kind"], "entry_point": job["entry_point"], "code": code,
                    "event_cap": job.get("event_cap", 0),
                    "allowed_imports": None if mode == "generate" else job.get("allowed_imports")}

        self.candidate = self.generator = None
        if job["mode"] != "generate":
            self.candidate = Zygote(header(RUNNER_MODES[job["mode"]], job["code"]), job["limits"])
        if job.get("generator") is not None:
            self.generator = Zygote(header("generate", job["generator"]), job["generator_limits"])

    def prepare(self, processes):
        """Give each zygote one of the started ``processes`` (ending those left over) and wait until all are
        prepared: none may still be busy once a test's clock runs."""
        needed = [z for z in (self.candidate, self.generator) if z is not None]
        for zygote, process in zip(needed, processes, strict=False):
            zygote.begin(process)
        for process in processes[len(needed):]:
            end_zygote_process(process)
        for zygote in needed:
            if zygote.pid is None:
                zygote.begin()
            zygote.wait_ready()


def run_one(job, test, carried, zygotes):
    """Run one test; a generated input is built first in a process of its own, unless carried in."""
    test_input = test.get("input")
    if test_input is None and carried is not None:  # built by an earlier job, kept by the host
        raw_input = carried
    elif test_input is None:
        gen_meta, gen_body = TestRun(json.dumps(test["generate"]).encode(), job["generator_limits"]).run(
            zygotes.generator)
        reset_between_runs()
        if gen_meta["status"] != "completed":
            gen_meta["status"] = "setup_failed"
            gen_meta["detail"] = "the problem's generator failed (%s): %s" % (
                gen_meta["detail"], gen_body[:500].decode("utf-8", "replace"))
            return gen_meta, b""
        if job["mode"] == "generate":
            return gen_meta, gen_body
        raw_input = gen_body  # JSON written by the generator's runner, passed through unparsed
    else:
        raw_input = json.dumps(test_input).encode("utf-8")
    return TestRun(raw_input, job["limits"]).run(zygotes.candidate)


class Series:
    """A measure job's runs of one input family at growing sizes.

    A series ends at the first run over the work budget, or before a run its
    growth so far predicts to be over it (such a run would only burn the
    budget's worth of time to say so).
    """

    def __init__(self, cap):
        self.cap = cap
        self.history = []  # (n, units) of measured runs
        self.ended = False

    def record(self, n, meta, body):
        try:
            measured = json.loads(body.split(b"\n", 1)[1])["measured"]
            if meta["status"] != "completed" or measured["truncated"]:
                self.ended = True
            else:
                self.history.append((n, measured["total"]))
        except (IndexError, ValueError, KeyError, TypeError):
            self.ended = True

    def predicts_over_budget(self, n):
        if len(self.history) < 2:
            return False
        (n1, w1), (n2, w2) = self.history[-2:]
        if n2 <= n1 or w1 <= 0 or w2 <= w1:
            return False
        exponent = math.log(n / n2) / math.log(n2 / n1)
        return w2 * (w2 / w1) ** exponent > self.cap


def reset_between_runs():
    kill_everything_else()
    empty_work_root()


def reset_between_jobs():
    """Nothing of a job reaches the next: its zygotes are stopped, then every other process and ``/tmp``."""
    for zygote in list(ZYGOTES.values()):
        zygote.stop()
    reset_between_runs()


def main():
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    make_undumpable()
    processes = [start_zygote_process() for _ in range(ZYGOTES_STARTED_AHEAD)]
    while (job := read_job()) is not None:
        run_job(job, processes)
        processes = []
        reset_between_jobs()


def run_job(job, processes):
    """Run every test of ``job`` and write its frames, then its end frame; ``processes`` are zygote
    processes started ahead, for the job's zygotes."""
    out_fd = sys.stdout.fileno()
    nonce = job["nonce"]
    zygotes = JobZygotes(job)
    zygotes.prepare(processes)
    series_by_name = {}
    for index, test in enumerate(job["tests"]):
        carried = read_carried(test)  # in order, even for a test skipped below
        series = None
        if job["mode"] == "measure" and test.get("series") is not None:
            series = series_by_name.setdefault(test["series"], Series(job["event_cap"]))
            n = test["generate"]["n"]
            if series.ended or series.predicts_over_budget(n):
                series.ended = True
                write_frame(out_fd, nonce, str(index), {"status": "skipped", "detail": "over the work "
                                                        "budget at this size, measured or predicted"}, b"")
                continue
        try:
            meta, body = run_one(job, test, carried, zygotes)
        except Exception as error:  # noqa: BLE001 - our failure, reported as such, not the candidate's
            traceback.print_exc()
            meta, body = {"status": "sandbox_error", "detail": "%s: %s" % (type(error).__name__, error)}, b""
        reset_between_runs()
        if series is not None:
            series.record(n, meta, body)
        write_frame(out_fd, nonce, str(index), meta, body)
    write_all(out_fd, wire.end_frame(nonce))


if __name__ == "__main__":
    main()
