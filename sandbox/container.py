"""Run jobs in a fresh container and collect their raw output.

A job goes in on stdin through the attach stream; stdout and stderr come
back through the same stream, demultiplexed here, with a byte cap. A host-side
deadline kills the container whatever runs inside. The container is removed
on every path out, Ctrl-C included; when the engine is away at that moment,
the next job that reaches it removes the container first. The container is
made for its first job, or taken from the warm pool (``sandbox.pool``), which
makes its containers with the same two functions, ``create_job_container``
and ``attach_and_start``. A ``JobContainer`` may run further jobs of the same
submission after a first one that ended cleanly (``sandbox.jobs.JobSession``);
``run_container`` runs one.
"""

import dataclasses
import os
import select
import socket
import struct
import time
import uuid

import docker

from sandbox import hardening
from sandbox.engine import engine_errors
from sandbox.errors import EngineUnavailable, ImageMissing, SandboxError
from sandbox.image import LABEL
from sandbox.settings import SandboxSettings

HEADER = struct.Struct(">BxxxL")  # Docker's multiplexed stream: kind, 3 pad bytes, size
STDOUT, STDERR = 1, 2
STDERR_KEEP = 16384
CHUNK = 65536
JOB_ID_LABEL = "techscreen.job"
KILLED = 137  # 128 + SIGKILL: the supervisor is PID 1, so only something outside its container can kill it
# Job containers whose removal failed because the engine was away; the next job removes them.
_abandoned: set[str] = set()


@dataclasses.dataclass(frozen=True)
class ContainerRun:
    """What came out of one container.

    Attributes:
        stdout: Raw bytes the container wrote to stdout, at most the cap.
        stderr: The first bytes of its stderr (the supervisor's own errors).
        deadline_hit: The host killed the container at the job's wall bound.
        output_capped: The host stopped reading at the byte cap and killed it.
        oom_killed: The kernel killed the supervisor for the container's memory limit.
        exit_code: The container's exit code, when it exited by itself; 0 when the supervisor's end frame
            was read (it exits 0 right after; the container is not waited for).
        wall_seconds: Time from start to the end of output.
        stopped: ``on_stdout`` said the caller had what it needed; the host killed the container.
        at_end_frame: The output ended exactly at the end frame, nothing after it: the supervisor waits for
            another job.
    """

    stdout: bytes
    stderr: bytes
    deadline_hit: bool
    output_capped: bool
    oom_killed: bool
    exit_code: int | None
    wall_seconds: float
    stopped: bool = False
    at_end_frame: bool = False


class _Demux:
    """Splits Docker's multiplexed attach stream into stdout and stderr."""

    def __init__(self, stdout_cap: int):
        self.buffer = bytearray()
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.stdout_cap = stdout_cap
        self.capped = False

    def feed(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= HEADER.size:
            kind, size = HEADER.unpack_from(self.buffer)
            if len(self.buffer) < HEADER.size + size:
                return
            payload = bytes(self.buffer[HEADER.size:HEADER.size + size])
            del self.buffer[:HEADER.size + size]
            if kind == STDERR:
                self.stderr += payload[:max(0, STDERR_KEEP - len(self.stderr))]
            else:
                room = self.stdout_cap - len(self.stdout)
                self.stdout += payload[:max(0, room)]
                if len(payload) > room:
                    self.capped = True


def create_job_container(client: docker.DockerClient, image: str, memory_mb: int, settings: SandboxSettings,
                         job_id: str | None = None) -> str:
    """Create (not start) a hardened job container, labelled with ``job_id`` (default: a new one) and this
    host and process for ``sandbox gc``; return its id.

    Raises:
        ImageMissing: The image is not there.
        EngineUnavailable, EngineRefused: As ``run_container``.
    """
    labels = {LABEL: "job", JOB_ID_LABEL: job_id or uuid.uuid4().hex, "techscreen.host_pid": str(os.getpid()),
              "techscreen.host": socket.gethostname()}
    with engine_errors("creating the sandbox container"):
        try:
            return client.api.create_container(
                image=image, host_config=hardening.host_config(client.api, settings, memory_mb),
                **hardening.create_options(settings, labels))["Id"]
        except docker.errors.ImageNotFound as error:
            raise ImageMissing(f"Sandbox image {image} is missing; run `techscreen sandbox build`.") from error


def attach_and_start(client: docker.DockerClient, container_id: str):
    """Attach to the container's stdin, stdout and stderr, then start it; its supervisor waits for the job on
    stdin and writes nothing before it. Returns the attached connection."""
    with engine_errors("starting the sandbox container"):
        attached = client.api.attach_socket(container_id,
                                            params={"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1})
        try:
            client.api.start(container_id)
        except BaseException:
            close_attached(attached)
            raise
    return attached


class JobContainer:
    """One started, attached container running jobs in turn; removed by ``close``.

    ``warm``, when given, is ``(job id, container id, attached connection)`` of a container started ahead
    (``sandbox.pool``); otherwise one is made now. ``retire(job id, container id, attached)``, when given,
    removes it in the background; otherwise, and whenever a job raised, it is removed at once.

    Raises:
        ImageMissing: The image is not there.
        EngineUnavailable, EngineRefused: As ``run_container``.
    """

    def __init__(self, client: docker.DockerClient, image: str, *, memory_mb: int, settings: SandboxSettings,
                 warm=None, retire=None):
        self.client, self.settings, self._retire = client, settings, retire
        self.job_id, self.container_id, self.attached = warm if warm is not None else (uuid.uuid4().hex, None, None)
        self.reusable = True  # every job so far ended at its end frame: the supervisor waits for the next
        try:
            _remove_abandoned(client)
            if self.container_id is None:
                self.container_id = create_job_container(client, image, memory_mb, settings, self.job_id)
                self.attached = attach_and_start(client, self.container_id)
        except BaseException:
            self._dispose()
            raise

    def run(self, job: bytes, *, wall_seconds: float, output_cap: int, on_stdout=None,
            end_frame: bytes | None = None, last: bool = True) -> ContainerRun:
        """Run ``job`` (as ``run_container``); ``last=False`` keeps stdin open for another job after it, which
        the container takes only if this one ended at its ``end_frame`` (``reusable``)."""
        try:
            run = _run_in(self.client, self.container_id, self.attached, job, wall_seconds, output_cap,
                          self.settings, on_stdout, end_frame, last)
        except BaseException:
            self.reusable = False
            self._dispose()
            raise
        self.reusable = not last and run.at_end_frame
        return run

    def close(self) -> None:
        """Remove the container (in the background with ``retire``); one a job's failure removed is gone."""
        if self.container_id is None:
            return
        if self._retire is not None:
            self._retire(self.job_id, self.container_id, self.attached)
            self.container_id = None
        else:
            self._dispose()

    def _dispose(self) -> None:
        container_id, self.container_id = self.container_id, None
        _dispose(self.client, container_id, self.attached)


def run_container(client: docker.DockerClient, image: str, job: bytes, *, memory_mb: int,
                  wall_seconds: float, output_cap: int, settings: SandboxSettings,
                  on_stdout=None, end_frame: bytes | None = None, warm=None, retire=None) -> ContainerRun:
    """Run ``job`` through the supervisor in a fresh container and return its output.

    ``warm`` and ``retire`` as for ``JobContainer``. ``end_frame``, when given, is the last thing the
    supervisor writes: once it is read the output is complete, and the container is not waited for.
    ``on_stdout(stdout_so_far)``, when given, is called as output arrives (for progress); returning True
    ends the job there.

    Raises:
        ImageMissing: The image is not there.
        EngineUnavailable: Docker could not run the job to its end (unreachable, failing, or it killed the
            container): run it again later. The container is removed, now or by the next job.
        EngineRefused: Docker refused a request.
    """
    box = JobContainer(client, image, memory_mb=memory_mb, settings=settings, warm=warm, retire=retire)
    try:
        return box.run(job, wall_seconds=wall_seconds, output_cap=output_cap, on_stdout=on_stdout,
                       end_frame=end_frame)
    finally:
        box.close()


def _run_in(client, container_id, attached, job, wall_seconds, output_cap, settings, on_stdout,
            end_frame, last) -> ContainerRun:
    api = client.api
    sock = getattr(attached, "_sock", attached)
    started = time.monotonic()
    demux, deadline_hit, stopped = _exchange(sock, job, started + wall_seconds, output_cap, on_stdout,
                                             end_frame, last)
    wall = time.monotonic() - started
    if end_frame is not None and demux.stdout.endswith(end_frame):
        return ContainerRun(stdout=bytes(demux.stdout), stderr=bytes(demux.stderr), deadline_hit=False,
                            output_capped=False, oom_killed=False, exit_code=0, wall_seconds=wall,
                            at_end_frame=not demux.buffer)
    if stopped:  # the container is removed afterwards whatever it still does
        return ContainerRun(stdout=bytes(demux.stdout), stderr=bytes(demux.stderr), deadline_hit=False,
                            output_capped=False, oom_killed=False, exit_code=None, wall_seconds=wall,
                            stopped=True)
    with engine_errors("stopping the sandbox container"):
        if deadline_hit or demux.capped:
            api.kill(container_id)
        state = api.wait(container_id, timeout=settings.api_timeout_seconds)
        # The engine sets OOMKilled at exit when any process ran out of memory in the container's life: a
        # test's, which the supervisor reported as that test's, as well. Only a supervisor the kernel killed
        # for memory ends the container with KILLED; one that exited by itself ended for another reason.
        oom = state.get("StatusCode") == KILLED and api.inspect_container(container_id)["State"].get(
            "OOMKilled", False)
    if state.get("StatusCode") == KILLED and not (deadline_hit or demux.capped or oom):
        raise EngineUnavailable("the sandbox container was killed from outside the judge (the Docker engine "
                                "stopping or restarting?)")
    return ContainerRun(
        stdout=bytes(demux.stdout), stderr=bytes(demux.stderr), deadline_hit=deadline_hit,
        output_capped=demux.capped, oom_killed=bool(oom),
        exit_code=None if (deadline_hit or demux.capped) else state.get("StatusCode"),
        wall_seconds=wall)


def _dispose(client: docker.DockerClient, container_id: str | None, attached) -> None:
    """Close the connection and remove the container, now."""
    try:
        if attached is not None:
            close_attached(attached)
    finally:
        if container_id is not None:
            _remove_or_abandon(client, container_id)


def remove_container(client: docker.DockerClient, container_id: str) -> None:
    """Remove the container, running or not. One already gone, or already being removed by someone else
    (``sandbox gc``, another process's clean-up), is what was wanted: no error."""
    with engine_errors("removing the sandbox container"):
        try:
            client.api.remove_container(container_id, force=True)
        except docker.errors.NotFound:
            pass
        except docker.errors.APIError as error:
            if error.status_code != 409 or "already in progress" not in str(error.explanation):
                raise


def remove_job_containers(client: docker.DockerClient, job_id: str) -> None:
    """Remove the container labelled ``job_id``, if any: one the engine made though its answer was lost."""
    with engine_errors("looking for a sandbox container"):
        found = client.api.containers(all=True, filters={"label": f"{JOB_ID_LABEL}={job_id}"})
    for container in found:
        remove_container(client, container["Id"])


def _remove_or_abandon(client: docker.DockerClient, container_id: str) -> None:
    try:
        remove_container(client, container_id)
    except EngineUnavailable:
        _abandoned.add(container_id)
        raise


def _remove_abandoned(client: docker.DockerClient) -> None:
    """Remove the containers earlier jobs had to leave behind while the engine was away; one that still
    cannot be removed waits for the next job (or ``sandbox gc``) and never holds this one up."""
    for container_id in list(_abandoned):
        try:
            remove_container(client, container_id)
        except SandboxError:
            continue
        _abandoned.discard(container_id)


def close_attached(attached) -> None:
    """Close the hijacked attach connection: the HTTP response (and with it the socket's
    file wrapper), then the socket itself."""
    sock = getattr(attached, "_sock", None)
    response = getattr(attached, "_response", None)
    if response is not None:
        response.close()
    attached.close()
    if sock is not None:
        sock.close()


def _exchange(sock: socket.socket, job: bytes, deadline: float, output_cap: int, on_stdout=None,
              end_frame: bytes | None = None, last: bool = True):
    """Send the job, half-close when it is the ``last``, and read until EOF, the end frame, the cap, the
    deadline or ``on_stdout`` says stop; return the output, whether the deadline passed and whether
    ``on_stdout`` stopped it."""
    demux = _Demux(output_cap)
    pending = memoryview(job)
    sock.setblocking(False)
    writing = True
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return demux, True, False
        readable, writable, _ = select.select([sock], [sock] if writing else [], [], remaining)
        if writable:
            try:
                pending = pending[sock.send(pending[:CHUNK]):]
            except BlockingIOError:
                pass
            except (BrokenPipeError, ConnectionResetError):
                pending = pending[:0]  # the container stopped reading; collect what it wrote
            if not pending:
                if last:
                    sock.shutdown(socket.SHUT_WR)
                writing = False
        if readable:
            try:
                data = sock.recv(CHUNK)
            except BlockingIOError:
                continue
            except ConnectionResetError:
                return demux, False, False
            if not data:
                return demux, False, False
            demux.feed(data)
            if on_stdout is not None and on_stdout(demux.stdout):
                return demux, False, True
            if demux.capped or (end_frame is not None and demux.stdout.endswith(end_frame)):
                return demux, False, False
