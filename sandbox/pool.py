"""The warm pool: job containers created and started ahead of demand, each used for one submission's jobs.

Creating and starting a hardened container costs 100-250 ms, as much as a
whole small job. A pool keeps ``SandboxSettings.warm_containers`` of them
started, their supervisor blocked on stdin waiting for its job: it reads and
writes nothing before the job, so a pooled container has run nobody's code.
A job takes one (``take``); it is removed after that job (or after the
further jobs of the same submission, ``jobs.JobSession``) like any job
container, never used again, and a background thread starts a replacement once
the process's jobs have ended (the engine's work would slow them).
When the pool is empty the job makes its own container, as without a pool.

Pooled containers are made by ``container.create_job_container`` and
``container.attach_and_start``, the very functions a job's own container is
made by: same hardening, same labels (``sandbox gc`` and the server's orphan
clean-up find them by host and process id). Their memory is set for the job
that takes one (``docker update``) when it differs from the last job's. One
whose connection ended while it waited (the engine restarted, someone removed
it) is discarded, never handed out; one that waited ``MAX_IDLE_SECONDS`` is
replaced, long before ``sandbox gc`` would take it for a dead judge's.

Pools are per process, per container shape and per image (a job on the ml
image never gets a base container, and jobs on one image do not empty the
other's pool): the judge's threads share them; a forked child (a Celery prefork worker) forgets its parent's pools at
the fork and builds its own. The refill thread is a daemon; at exit the idle
containers are removed.
"""

import atexit
import collections
import contextlib
import dataclasses
import os
import select
import threading
import time
import uuid

import docker

from sandbox import container, engine, hardening
from sandbox.engine import engine_errors
from sandbox.errors import SandboxError
from sandbox.settings import SandboxSettings

MAX_IDLE_SECONDS = 300.0
# While this process's jobs run, making and removing containers waits (the engine's work for each takes CPU
# from the jobs, a tenth of a Submit's verdict time), up to this long.
UPKEEP_HOLD_SECONDS = 2.0
RETRY_SECONDS = (1.0, 2.0, 5.0, 10.0, 30.0)  # after a failure to make or remove a container, the engine's away


@dataclasses.dataclass
class WarmContainer:
    """A container the pool holds. ``attached`` is None once its connection is closed (or never opened)."""

    job_id: str
    container_id: str
    attached: object
    memory_mb: int = 0
    started: float = 0.0

    def waiting(self) -> bool:
        """Its supervisor still waits for a job: the connection has nothing to read (no output, no end)."""
        sock = getattr(self.attached, "_sock", self.attached)
        try:
            return not select.select([sock], [], [], 0)[0]
        except (OSError, ValueError, TypeError):
            return False


class WarmPool:
    """Started containers of one shape and image, handed out one per job, refilled in the background."""

    def __init__(self, settings: SandboxSettings, image: str):
        self.settings = settings
        self.image = image
        self.size = settings.warm_containers
        self._lock = threading.Condition()
        self._idle: collections.deque[WarmContainer] = collections.deque()
        self._making: set[str] = set()  # job ids of containers being made: created or not yet, not yet idle
        self._to_remove: list[WarmContainer] = []
        self._removing: set[str] = set()  # job ids of containers taken off ``_to_remove`` and not yet gone
        self._wanted: int | None = None  # memory of the latest job: what to make
        self._jobs_running = 0
        self._busy_since = 0.0  # when the jobs now running began to overlap without a pause
        self._closed = False
        self._thread: threading.Thread | None = None

    def take(self, client: docker.DockerClient, memory_mb: int):
        """A started container of the pool's image for one job, its memory set to ``memory_mb``, as ``(job id,
        container id, attached)``; None when the pool has none ready (the job makes its own)."""
        found = None
        with self._lock:
            self._wanted = memory_mb
            while self._idle and found is None:
                candidate = self._idle.popleft()
                if candidate.waiting():
                    found = candidate
                else:
                    self._to_remove.append(candidate)
            self._wake()
        if found is not None and found.memory_mb != memory_mb:
            try:
                with engine_errors("setting the sandbox container's memory"):
                    limit = hardening.memory_limit(self.settings, memory_mb)
                    client.api.update_container(found.container_id, mem_limit=limit, memswap_limit=limit)
            except SandboxError:
                with self._lock:
                    self._to_remove.append(found)
                    self._wake()
                return None
        return None if found is None else (found.job_id, found.container_id, found.attached)

    @contextlib.contextmanager
    def job_running(self):
        """Around a job of this process (pooled container or not): the pool's upkeep waits until no job runs,
        or ``UPKEEP_HOLD_SECONDS`` since they began, so that the engine's work does not slow the verdict."""
        with self._lock:
            if self._jobs_running == 0:
                self._busy_since = time.monotonic()
            self._jobs_running += 1
        try:
            yield
        finally:
            with self._lock:
                self._jobs_running -= 1
                self._lock.notify_all()

    def retire(self, job_id: str, container_id: str, attached) -> None:
        """Remove a container after its jobs, in the background: the last job's result need not wait for it."""
        with self._lock:
            self._to_remove.append(WarmContainer(job_id, container_id, attached))
            if not self._closed:
                self._wake()
                return
        self.close()  # closed meanwhile: no thread will remove it

    def ready(self) -> set[str]:
        """Ids of the containers started and waiting for a job."""
        with self._lock:
            return {c.container_id for c in self._idle}

    @property
    def closed(self) -> bool:
        return self._closed

    def held(self) -> set[str]:
        """Job ids (label ``techscreen.job``) of the containers the pool holds: waiting or being made (no job
        has had them), or to be removed (retired after their job, or never handed out)."""
        with self._lock:
            return ({c.job_id for c in self._idle} | self._making | {c.job_id for c in self._to_remove}
                    | self._removing)

    def close(self) -> None:
        """Stop refilling and remove what the pool holds (best effort: the engine may be away)."""
        with self._lock:
            self._closed = True
            self._to_remove += self._idle
            self._idle.clear()
            self._lock.notify_all()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=self.settings.api_timeout_seconds)
        try:
            with contextlib.closing(engine.connect(self.settings)) as client:
                self._remove(client, self._take_removals())
        except SandboxError:
            pass  # the server's orphan clean-up or `sandbox gc` removes them once this process is gone

    def _wake(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._refill, name="techscreen-warm-pool", daemon=True)
            self._thread.start()
        self._lock.notify_all()

    def _take_removals(self) -> list[WarmContainer]:
        with self._lock:
            removals, self._to_remove = self._to_remove, []
            self._removing |= {c.job_id for c in removals}
        return removals

    def _work(self):
        """Wait until there is something to do; return the memory to make one with, or None; raise to stop."""
        with self._lock:
            while True:
                if self._closed:
                    raise _Closed
                now = time.monotonic()
                while self._idle and now - self._idle[0].started > MAX_IDLE_SECONDS:
                    self._to_remove.append(self._idle.popleft())
                short = self._wanted is not None and len(self._idle) + len(self._making) < self.size
                held_back = UPKEEP_HOLD_SECONDS - (now - self._busy_since) if self._jobs_running else 0
                if (short or self._to_remove) and held_back <= 0:
                    return self._wanted if short else None
                oldest = self._idle[0].started if self._idle else now
                self._lock.wait(timeout=held_back if held_back > 0 else max(0.1, MAX_IDLE_SECONDS - (now - oldest)))

    def _refill(self) -> None:
        client = None
        failures = 0
        try:
            while True:
                wanted = self._work()
                try:
                    client = client or engine.connect(self.settings)
                    self._remove(client, self._take_removals())
                    if wanted is not None:
                        self._make(client, wanted)
                    failures = 0
                except SandboxError:
                    if client is not None:
                        client.close()
                        client = None
                    with self._lock:
                        self._lock.wait(timeout=RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)])
                    failures += 1
        except _Closed:
            pass
        finally:
            if client is not None:
                client.close()

    def _make(self, client: docker.DockerClient, memory_mb: int) -> None:
        job_id = uuid.uuid4().hex
        with self._lock:
            self._making.add(job_id)  # before the engine has it: never counted as a job's leftover
        made = WarmContainer(job_id, "", None, memory_mb)
        try:
            made.container_id = container.create_job_container(client, self.image, memory_mb, self.settings,
                                                               job_id)
            made.attached = container.attach_and_start(client, made.container_id)
            made.started = time.monotonic()
        finally:
            with self._lock:
                self._making.discard(job_id)
                if made.attached is not None and not self._closed:
                    self._idle.append(made)
                else:  # without an id (the engine's answer to the create was lost), found by its label
                    self._to_remove.append(made)

    def _remove(self, client: docker.DockerClient, removals: list[WarmContainer]) -> None:
        for index, held in enumerate(removals):
            if held.attached is not None:
                container.close_attached(held.attached)
                held.attached = None
            try:
                if held.container_id:
                    container.remove_container(client, held.container_id)
                else:
                    container.remove_job_containers(client, held.job_id)
            except SandboxError:
                with self._lock:
                    self._to_remove += removals[index:]
                    self._removing -= {c.job_id for c in removals[index:]}
                raise
            with self._lock:
                self._removing.discard(held.job_id)


class _Closed(Exception):
    """The pool was closed: the refill thread ends."""


_pools: dict[tuple, WarmPool] = {}
_pools_lock = threading.Lock()


def pool_for(settings: SandboxSettings, image: str) -> WarmPool | None:
    """This process's pool for containers of ``settings``' shape made from image tag ``image`` (a new one
    after ``close``); None when warm containers are off."""
    if settings.warm_containers <= 0:
        return None
    key = (settings.container_shape(), settings.warm_containers, image)
    with _pools_lock:
        pool = _pools.get(key)
        if pool is None or pool.closed:
            pool = _pools[key] = WarmPool(settings, image)
        return pool


def held_job_ids() -> set[str]:
    """Job ids (label ``techscreen.job``) of the containers this process's pools hold (see ``WarmPool.held``)."""
    with _pools_lock:
        pools = list(_pools.values())
    return set().union(*(pool.held() for pool in pools))


def close_all() -> None:
    """Remove every pool's containers and stop its thread (at exit)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.close()


def _forget_inherited_pools() -> None:
    """In a forked child: the parent's pools (their containers, connections and thread) stay the parent's."""
    global _pools, _pools_lock
    _pools = {}
    _pools_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_inherited_pools)
atexit.register(close_all)
