"""How much CPU one test has used and how long it has waited, as the kernel accounts them.

A test's verdict must not depend on what else the machine runs. Wall-clock
time does: on a busy host a process waits in the run queue. So the
supervisor stops a test on CPU time, and tells a test that *waits* (sleeps,
blocks; neither running nor queued for a CPU) from one that is *starved*
(runnable, but the machine gives it no CPU) with the kernel's per-task
run-queue delay (``/proc/<pid>/task/<tid>/schedstat``, second field).

CPU time is the container's cgroup counter minus the supervisor's own CPU:
during a test every other process in the container is the test's (the
supervisor kills all of them between tests), so threads, forked children
and orphans are all charged, to the nanosecond. Where no cgroup counter can
be read, the test process's own ``/proc`` times stand in (it and the
children it waited for).
"""

import os
import resource
import time

CGROUP_COUNTERS = (  # (path, key or None for a bare number, seconds per unit)
    ("/sys/fs/cgroup/cpu.stat", "usage_usec", 1e-6),  # cgroup v2
    ("/sys/fs/cgroup/cpuacct/cpuacct.usage", None, 1e-9),  # cgroup v1
    ("/sys/fs/cgroup/cpu,cpuacct/cpuacct.usage", None, 1e-9),
)
TICK = 1.0 / os.sysconf("SC_CLK_TCK")
SUPERVISOR_PID = os.getpid()


def _read_counter(path, key, unit):
    try:
        with open(path) as handle:
            for line in handle:
                name, _, value = line.partition(" ")
                if key is None:
                    return int(name) * unit
                if name == key:
                    return int(value) * unit
    except (OSError, ValueError):
        return None
    return None


def _container_cpu():
    """CPU seconds the container used, less the supervisor's own; None when unreadable."""
    for path, key, unit in CGROUP_COUNTERS:
        total = _read_counter(path, key, unit)
        if total is not None:
            own = resource.getrusage(resource.RUSAGE_SELF)
            return total - own.ru_utime - own.ru_stime
    return None


def _process_cpu(pid):
    """CPU seconds of ``pid`` and the children it waited for, from ``/proc`` (clock ticks)."""
    try:
        with open("/proc/%d/stat" % pid) as handle:
            fields = handle.read().rpartition(")")[2].split()
        return sum(int(value) for value in fields[11:15]) * TICK
    except (OSError, ValueError, IndexError):
        return 0.0


def run_queue_delay(excluded=frozenset()):
    """Seconds the container's tasks (but the supervisor and ``excluded`` pids) spent runnable, waiting for a CPU."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == SUPERVISOR_PID or int(entry) in excluded:
            continue
        try:
            tasks = os.listdir("/proc/%s/task" % entry)
        except OSError:
            continue
        for task in tasks:
            try:
                with open("/proc/%s/task/%s/schedstat" % (entry, task)) as handle:
                    total += int(handle.read().split()[1])
            except (OSError, ValueError, IndexError):
                continue
    return total * 1e-9


class CpuClock:
    """One test's CPU time and waiting time, from just before its process starts.

    ``excluded``: the pids of processes that are not the test's (the zygotes, idle while it runs), whose
    lifetime run-queue delay is not the test's waiting.
    """

    def __init__(self, excluded=frozenset()):
        self.excluded = excluded
        self.started = time.monotonic()
        self.base = _container_cpu()
        self.pid = None
        self.peak = 0.0

    def cpu(self):
        """CPU seconds the test has used so far; never less than an earlier reading."""
        now = _container_cpu() if self.base is not None else None
        used = now - self.base if now is not None else _process_cpu(self.pid)
        self.peak = max(self.peak, used)
        return self.peak

    def wall(self):
        return time.monotonic() - self.started

    def waited(self, cpu):
        """Seconds the test was neither on a CPU nor queued for one: it slept or blocked."""
        return self.wall() - cpu - run_queue_delay(self.excluded)
