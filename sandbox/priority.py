"""Judging behind everything else on a shared host: a control group of idle CPU priority for job containers.

On a host that serves the web tier too, a judging takes every core it can
and candidates' pages wait behind it. Tasks in a control group with
``cpu.idle`` set run only when nothing else wants the CPU (Linux 5.15 and
later, cgroup v1 or v2), so pages go first and judging takes what is left.
Verdicts are unaffected: they are decided on CPU time, and the supervisor
tells a starved test from one that waits (``tsbox.cpuclock``).

Job containers are put there with ``TECHSCREEN_SANDBOX_CGROUP_PARENT``
(``SandboxSettings.cgroup_parent``); ``make cluster`` does it when it can.
An engine on the systemd cgroup driver wants a slice instead
(docs/deployment.md).
"""

from pathlib import Path

from sandbox.errors import PriorityUnavailable

CGROUP_ROOT = Path("/sys/fs/cgroup")
DEFAULT_NAME = "techscreen-sandbox"


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
