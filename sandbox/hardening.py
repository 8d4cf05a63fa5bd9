"""The container's hardening flags, in one place (DESIGN.md, security model, item 2)."""

import docker

from sandbox.settings import SandboxSettings

SANDBOX_USER = "65534:65534"  # nobody:nogroup; no entry in the image is needed
COMMAND = ["/usr/bin/python3", "-s", "-P", "-B", "-m", "tsbox.supervisor"]


def host_config(api: docker.APIClient, settings: SandboxSettings, memory_mb: int) -> dict:
    """Host configuration for one job container.

    Memory equals memory plus swap, so the container cannot swap; one CPU; a
    process cap; read-only root with a small ``noexec`` tmpfs; no network,
    IPC namespace sharing, capabilities or privilege gain; Docker's default
    seccomp profile; no log retention; first in line for the OOM killer.
    """
    limit = memory_limit(settings, memory_mb)
    return api.create_host_config(
        network_mode="none",
        read_only=True,
        tmpfs={"/tmp": f"rw,nosuid,nodev,noexec,size={settings.tmpfs_mb}m,mode=1777"},
        cap_drop=["ALL"],
        security_opt=["no-new-privileges:true"],
        pids_limit=settings.pids_limit,
        mem_limit=limit,
        memswap_limit=limit,
        nano_cpus=1_000_000_000,
        cgroup_parent=settings.cgroup_parent,
        ulimits=[
            docker.types.Ulimit(name="nofile", soft=settings.nofile, hard=settings.nofile),
            docker.types.Ulimit(name="fsize", soft=settings.fsize_mb << 20, hard=settings.fsize_mb << 20),
            docker.types.Ulimit(name="core", soft=0, hard=0),
        ],
        ipc_mode="none",
        log_config=docker.types.LogConfig(type="none"),
        oom_score_adj=1000,
        privileged=False,
        init=False,
    )


def memory_limit(settings: SandboxSettings, memory_mb: int) -> str:
    """The container's memory (and memory plus swap) for a job whose tests may use ``memory_mb``."""
    return f"{memory_mb + settings.memory_overhead_mb}m"


def create_options(settings: SandboxSettings, labels: dict[str, str]) -> dict:
    """Arguments to ``create_container`` besides image and host config."""
    return {
        "command": COMMAND,
        "user": SANDBOX_USER,
        "stdin_open": True,
        "network_disabled": True,
        "working_dir": "/tmp",
        "hostname": "sandbox",
        "environment": {"PYTHONPATH": "/opt/techscreen", "LC_ALL": "C.UTF-8"},
        "labels": labels,
    }
