"""Judging behind everything else on a shared host: a control group of idle CPU priority for job containers.

On a host that serves the web tier too, a judging takes every core it can
and candidates' pages wait behind it. Tasks in a control group with
``cpu.idle`` set run only when nothing else wants the CPU (Linux 5.15 and
later, cgroup v1 or v2), so pages go first and judging takes what is left.
Verdicts are unaffected: they are decided on CPU time, and the supervisor
tells a starved test from one that waits (``tsbox.cpuclock``).

Job containers are put there with ``TECHSCREEN_SANDBOX_CGROUP_PARENT``
(``SandboxSettings.cgroup_parent``); ``techscreen worker --behind-pages``
(what ``make cluster`` starts) does it when it can, and runs the worker
itself at the lowest priority too: it parses results and fits curves on the
host. An engine on the systemd cgroup driver wants a slice instead
(docs/deployment.md).
"""

import contextlib
import os
from pathlib import Path

from sandbox.errors import PriorityUnavailable

CGROUP_ROOT = Path("/sys/fs/cgroup")
DEFAULT_NAME = "techscreen-sandbox"
CGROUP_PARENT_VARIABLE = "TECHSCREEN_SANDBOX_CGROUP_PARENT"
LOWEST_NICE = 19


def idle_cgroup(name: str = DEFAULT_NAME, root: Path = CGROUP_ROOT) -> str:
    """Make (or reuse) the control group ``name`` with idle CPU priority.

    Returns:
        Its path for ``SandboxSettings.cgroup_parent``, such as ``/techscreen-sandbox``.

    Raises:
        PriorityUnavailable: Not writable here (not root, a read-only mount), or no ``cpu.idle`` (Linux < 5.15).
    """
    hierarchy = root / "cpu" if (root / "cpu" / "cpu.shares").exists() else root  # cgroup v1, else unified (v2)
    group = hierarchy / name
    try:
        if hierarchy == root:
            (root / "cgroup.subtree_control").write_text("+cpu")  # v2: children get the cpu controller
        group.mkdir(exist_ok=True)
        (group / "cpu.idle").write_text("1")
    except OSError as error:
        raise PriorityUnavailable(f"cannot make {group} of idle CPU priority: {error.strerror or error}") from None
    return f"/{name}"


def behind_pages() -> str:
    """Run this process, and the job containers it makes from now on, behind everything else on the host.

    The process goes to the lowest nice value, and so does its session's autogroup, where the kernel has them
    (nice alone orders a session's own processes only); the job containers go to ``idle_cgroup`` unless
    ``TECHSCREEN_SANDBOX_CGROUP_PARENT`` names another group already.

    Returns:
        The control group the job containers go to.

    Raises:
        PriorityUnavailable: No such group can be made here; this process is at the lowest priority all the same.
    """
    os.nice(LOWEST_NICE - os.nice(0))
    with contextlib.suppress(OSError):  # no autogroups (a kernel without them, a process in a cgroup of its own)
        Path("/proc/self/autogroup").write_text(str(LOWEST_NICE))
    parent = os.environ.get(CGROUP_PARENT_VARIABLE) or idle_cgroup()
    os.environ[CGROUP_PARENT_VARIABLE] = parent
    return parent
