"""Sandbox settings: every limit that is not per problem, in one value object."""

import dataclasses
import os


@dataclasses.dataclass(frozen=True)
class SandboxSettings:
    """How containers are created and bounded.

    Attributes:
        docker_url: Engine address; ``None`` uses ``DOCKER_HOST`` or the default socket.
        job_wall_seconds: Hard bound on one job's wall time, whatever the code does. Far above what a
            job needs even on a busy machine: tests it cuts short are ``unfinished``, never timed out.
        memory_overhead_mb: Container memory on top of the per-test limit, for the supervisor.
        pids_limit: Processes and threads the whole container may hold.
        tmpfs_mb: Size of the only writable file system, ``/tmp``.
        nofile: Open file descriptors per process.
        fsize_mb: Largest file a process may write.
        log_bytes: Captured stdout and stderr kept per test and stream.
        api_timeout_seconds: Timeout of each Docker API call.
        warm_containers: Job containers kept created and started ahead of demand (``sandbox.pool``);
            0 starts every job's container when the job comes.
        cgroup_parent: The control group job containers are made in (``TECHSCREEN_SANDBOX_CGROUP_PARENT``);
            ``None`` is the engine's default. On a host that also serves the web tier, one of low CPU
            weight lets candidates' pages go ahead of judging (docs/deployment.md).
        parallel_jobs: Jobs one judging or measurement runs at once (one container each): the cores
            this process may use, at most 4.
        keep_generated_inputs: Build each generated input once and keep its text on the host
            (``sandbox.generated_inputs``, under ``TECHSCREEN_CACHE_DIR``); off builds it in every job.
    """

    docker_url: str | None = None
    job_wall_seconds: float = 600.0
    memory_overhead_mb: int = 64
    pids_limit: int = 64
    tmpfs_mb: int = 16
    nofile: int = 64
    fsize_mb: int = 8
    log_bytes: int = 4096
    api_timeout_seconds: float = 30.0
    warm_containers: int = 2
    cgroup_parent: str | None = None
    parallel_jobs: int = dataclasses.field(default_factory=lambda: max(1, min(len(os.sched_getaffinity(0)), 4)))
    keep_generated_inputs: bool = True

    @classmethod
    def from_environment(cls) -> "SandboxSettings":
        """Read overrides from ``TECHSCREEN_*`` environment variables."""
        wall = os.environ.get("TECHSCREEN_JOB_WALL_SECONDS")
        warm = os.environ.get("TECHSCREEN_WARM_CONTAINERS")
        parallel = os.environ.get("TECHSCREEN_PARALLEL_JOBS")
        settings = cls(
            docker_url=os.environ.get("DOCKER_HOST") or None,
            job_wall_seconds=float(wall) if wall else cls.job_wall_seconds,
            warm_containers=int(warm) if warm else cls.warm_containers,
            cgroup_parent=os.environ.get("TECHSCREEN_SANDBOX_CGROUP_PARENT") or None,
        )
        return dataclasses.replace(settings, parallel_jobs=max(1, int(parallel))) if parallel else settings

    def container_shape(self) -> tuple:
        """What a job container is made with besides its memory: containers of one shape are interchangeable."""
        return (self.docker_url, self.memory_overhead_mb, self.pids_limit, self.tmpfs_mb, self.nofile,
                self.fsize_mb, self.cgroup_parent)
