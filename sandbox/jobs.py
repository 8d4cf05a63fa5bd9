"""The sandbox's public API: a job in, one outcome per test out.

A job is code plus test inputs and limits; expected outputs are not part of
it and never enter the container. The outcome of each test says how the run
ended and carries the runner's result (parsed, untrusted JSON), kernel-
measured CPU time and captured logs. Judging the result is the caller's job.
"""

import contextlib
import dataclasses
import json
import secrets

import docker

from sandbox import container, engine, frames, generated_inputs, image, pool
from sandbox.errors import EngineUnavailable, JobRejected
from sandbox.settings import SandboxSettings
from sandbox.tsbox import wire
from sandbox.untrusted import UntrustedDataError, parse_json

MAX_CODE_BYTES = 256 * 1024
KINDS = ("function", "class", "stdio")
MODES = ("run", "generate", "measure")
STATUSES = ("completed", "timeout", "memory", "output_limit", "crashed", "setup_failed", "sandbox_error",
            "skipped", "unfinished")
# Outcomes of the sandbox's own making: the machine was too busy to finish the test, the container ended before
# it ran, or the supervisor failed on it.
LOST_STATUSES = frozenset({"unfinished", "missing", "sandbox_error"})
# Problem generators are the author's code; they get room to build large inputs.
GENERATOR_LIMITS = {"cpu_seconds": 10.0, "memory_mb": 1024, "output_bytes": 64 << 20}
META_SLACK_BYTES = 4096
# The wall clock never gives a verdict, it only ends a run the machine is too busy to finish: far above any
# CPU limit, so that load alone does not reach it.
BACKSTOP_FACTOR, BACKSTOP_SLACK_SECONDS = 20.0, 10.0


def waiting_limit(cpu_seconds: float) -> float:
    """Seconds a test may wait (neither on a CPU nor queued for one) before it is ``timeout``."""
    return cpu_seconds + 1.0


def wall_backstop(cpu_seconds: float) -> float:
    """Wall-clock seconds after which a test that reached neither limit is ``unfinished``."""
    return cpu_seconds * BACKSTOP_FACTOR + BACKSTOP_SLACK_SECONDS


@dataclasses.dataclass(frozen=True)
class Limits:
    """Per-test limits.

    Attributes:
        cpu_seconds: Kernel-accounted CPU time of the test's processes: the time limit.
        memory_mb: Address space of the test's process.
        output_kb: Result plus stdout plus stderr.
    """

    cpu_seconds: float
    memory_mb: int
    output_kb: int


@dataclasses.dataclass(frozen=True)
class Generate:
    """An input built inside the sandbox by the problem's ``generate(n, rng)``."""

    n: int
    seed: int
    family: str | None = None

    def as_json(self) -> dict:
        spec = {"n": self.n, "seed": self.seed}
        if self.family is not None:
            spec["family"] = self.family
        return spec


@dataclasses.dataclass(frozen=True)
class CaseInput:
    """One test's input: literal data for the kind, or a generator call.

    ``data`` is ``{"args": [...], "kwargs": {...}}`` for a function,
    ``{"init": [...], "calls": [[method, args], ...]}`` for a class and
    ``{"stdin": "..."}`` for a stdio program.
    """

    data: dict | None = None
    generate: Generate | None = None
    series: str | None = None  # measure jobs: after a run over budget, later runs of its series are skipped
    generated: str | None = None  # the generated input's text, built earlier (sandbox.generated_inputs)


@dataclasses.dataclass(frozen=True)
class Job:
    """Code and inputs for one container.

    ``mode`` is ``run`` (call the code on each input), ``generate`` (only
    build each generated input and return it) or ``measure`` (count the
    code's work on each input, up to ``event_cap`` units; see ``tsbox.meter``).
    With ``allowed_imports`` (the problem's allow-list), the code runs under
    the run-time guard (``tsbox.guard``): a refused action ends its test with
    a ``refused`` result. ``None`` runs it unguarded, with only the container
    around it (the sandbox's own tests and the doctor's probe). ``image`` is
    the sandbox image it runs on (``sandbox.image.IMAGES``: ``base`` or ``ml``).
    """

    code: str
    kind: str
    entry_point: str
    limits: Limits
    tests: tuple[CaseInput, ...]
    generator: str | None = None
    mode: str = "run"
    event_cap: int = 0
    allowed_imports: tuple[str, ...] | None = None
    image: str = image.DEFAULT


@dataclasses.dataclass(frozen=True)
class RunOutcome:
    """How one test's run ended.

    Attributes:
        status: ``completed`` (the runner wrote a result), ``timeout`` (the
            CPU limit, or the code waited without using CPU), ``unfinished``
            (the machine was too busy: the wall-clock backstop or the job's
            bound ended it first; not a verdict on the code),
            ``memory``, ``output_limit``, ``crashed``, ``setup_failed`` (the
            problem's generator failed), ``malformed`` (no single well-formed
            result), ``sandbox_error`` (the supervisor failed), ``skipped``
            (a measure series already went over budget) or ``missing`` (the
            container ended before this test, not by a limit).
        detail: A sentence for people.
        result: The runner's result object when ``completed``; in a
            generate job, the generated input; in a measure job, the
            measurement plus ``setup_cpu_ms``. ``{"refused": message}`` when
            the run-time guard stopped the code.
    """

    status: str
    detail: str = ""
    result: dict | None = None
    cpu_ms: float | None = None
    wall_ms: float | None = None
    max_rss_kb: int | None = None
    stdout: str = ""
    stderr: str = ""
    raw: bytes = b""  # a generate job's input exactly as the generator's runner wrote it

    @property
    def lost(self) -> bool:
        """The sandbox, not the code, ended the test (``unfinished``, ``missing``, ``sandbox_error``): the
        outcome says nothing of the code, and the test should run once more in a fresh container."""
        return self.status in LOST_STATUSES


@dataclasses.dataclass(frozen=True)
class JobResult:
    outcomes: tuple[RunOutcome, ...]
    wall_seconds: float
    deadline_hit: bool
    supervisor_stderr: str


def run_job(job: Job, settings: SandboxSettings | None = None,
            client: docker.DockerClient | None = None, on_result=None, on_outcome=None) -> JobResult:
    """Run every test of ``job`` in one fresh, hardened container (from the warm pool when it has one).

    ``on_result(count)``, when given, is called as tests finish (for progress). ``on_outcome(index,
    outcome)``, when given, is called with each test's outcome as it arrives; returning True ends the job
    there, and the tests not run yet are ``skipped``.

    Raises:
        JobRejected: The job is malformed or its code too large.
        ImageMissing: The job's sandbox image is not built.
        EngineUnavailable: Docker is not reachable, failed, or lost the job's output: run the job again later.
        EngineRefused: Docker refused a request.
    """
    settings = settings or SandboxSettings.from_environment()
    _validate(job)
    if client is None:
        with contextlib.closing(engine.connect(settings)) as own_client:
            return run_job(job, settings, own_client, on_result, on_outcome)
    prepared = _Prepared.of(job, settings, client)
    warm_pool = pool.pool_for(settings, prepared.tag)
    with warm_pool.job_running() if warm_pool else contextlib.nullcontext():
        run = container.run_container(
            client, prepared.tag, prepared.payload, memory_mb=prepared.memory_mb,
            wall_seconds=prepared.wall_seconds, output_cap=prepared.output_cap, settings=settings,
            on_stdout=prepared.following(on_result, on_outcome), end_frame=prepared.end_frame,
            warm=warm_pool.take(client, prepared.memory_mb) if warm_pool else None,
            retire=warm_pool.retire if warm_pool else None)
    return prepared.result(run)


def run_in(session: "JobSession | None", job: Job, settings: SandboxSettings | None = None,
           client: docker.DockerClient | None = None, on_result=None, on_outcome=None) -> JobResult:
    """Run ``job`` in ``session``'s container when there is a session, else as ``run_job`` does."""
    if session is None:
        return run_job(job, settings, client, on_result, on_outcome)
    return session.run(job, settings, on_result, on_outcome)


class JobSession:
    """One container for the jobs of one submission, run in turn: the verdict's tests, then the measurement.

    Starting a container costs the engine, runc and two interpreter start-ups
    about as much CPU as a fast verdict; a submission's jobs run the same code
    of the same candidate, so they share one. Between two jobs the supervisor
    stops the first job's zygotes, kills every other process and empties
    ``/tmp``: the next job finds the container as the first one did. A job of
    other code (another submission's, a reference solution) never gets the
    container, nor does a job after one that did not end at its end frame
    (stopped early, deadline, output cap, an engine error), nor one of another
    image, memory or container shape: they get a fresh one. Not for jobs at
    once: one thread at a time.
    """

    def __init__(self, settings: SandboxSettings | None = None, client: docker.DockerClient | None = None):
        self.settings = settings or SandboxSettings.from_environment()
        self._client, self._own_client = client, None
        self._box: container.JobContainer | None = None
        self._shape = None  # (code, image tag, memory, container shape) of the container held

    def run(self, job: Job, settings: SandboxSettings | None = None, on_result=None, on_outcome=None) -> JobResult:
        """Run ``job`` as ``run_job`` does, in the session's container when it can take it.

        Raises:
            As ``run_job``.
        """
        settings = settings or self.settings
        _validate(job)
        client = self._connected()
        prepared = _Prepared.of(job, settings, client)
        shape = (job.code, prepared.tag, prepared.memory_mb, settings.container_shape())
        if self._box is not None and (shape != self._shape or not self._box.reusable):
            self._release()
        warm_pool = pool.pool_for(settings, prepared.tag)
        with warm_pool.job_running() if warm_pool else contextlib.nullcontext():
            if self._box is None:
                self._box = container.JobContainer(
                    client, prepared.tag, memory_mb=prepared.memory_mb, settings=settings,
                    warm=warm_pool.take(client, prepared.memory_mb) if warm_pool else None,
                    retire=warm_pool.retire if warm_pool else None)
                self._shape = shape
            box = self._box
            try:
                run = box.run(prepared.payload, wall_seconds=prepared.wall_seconds, output_cap=prepared.output_cap,
                              on_stdout=prepared.following(on_result, on_outcome), end_frame=prepared.end_frame,
                              last=False)
            finally:
                if not box.reusable:
                    self._release()
        return prepared.result(run)

    def close(self) -> None:
        """Remove the container and close the session's own Docker client, if it made one."""
        try:
            self._release()
        finally:
            if self._own_client is not None:
                self._own_client.close()
                self._client = self._own_client = None

    def __enter__(self) -> "JobSession":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _connected(self) -> docker.DockerClient:
        if self._client is None:
            self._client = self._own_client = engine.connect(self.settings)
        return self._client

    def _release(self) -> None:
        box, self._box = self._box, None
        if box is not None:
            box.close()


@dataclasses.dataclass(frozen=True)
class _Prepared:
    """A job made ready for a container: its payload and bounds, and how to read what comes back."""

    job: Job
    nonce: str
    payload: bytes
    tag: str
    memory_mb: int
    max_body: int
    output_cap: int
    wall_seconds: float

    @classmethod
    def of(cls, job: Job, settings: SandboxSettings, client: docker.DockerClient) -> "_Prepared":
        """``job`` (validated) with its generated inputs filled in, for ``client``'s engine."""
        if settings.keep_generated_inputs:
            job = generated_inputs.filled(job, generated_inputs.InputCache.from_environment(),
                                          lambda specs: _generated(job, specs, settings, client))
        nonce = secrets.token_hex(16)
        max_body = GENERATOR_LIMITS["output_bytes"] if job.mode == "generate" else job.limits.output_kb * 1024 + 1
        per_test = max_body + 2 * settings.log_bytes + META_SLACK_BYTES
        return cls(job, nonce, _payload(job, nonce, settings), image.require_image(client, job.image),
                   max(job.limits.memory_mb, GENERATOR_LIMITS["memory_mb"] if job.generator else 0), max_body,
                   per_test * len(job.tests) + 65536, _job_wall(job, settings))

    @property
    def end_frame(self) -> bytes:
        return wire.end_frame(self.nonce)

    def following(self, on_result, on_outcome):
        return _following(self.nonce, self.max_body, self.job.mode, on_result, on_outcome)

    def result(self, run: container.ContainerRun) -> JobResult:
        found, _ = frames.find_frames(run.stdout, self.nonce, max_body=self.max_body)
        if run.exit_code == 0 and wire.END_INDEX not in found:
            # The supervisor exits 0 only after its end frame: the stream from the engine broke, not the code.
            raise EngineUnavailable("the sandbox's output was cut off before its end (the connection to the "
                                    "Docker engine broke)")
        fallback = _missing_outcome(run)
        outcomes = tuple(_outcome(found.get(str(i), []), self.max_body, fallback, self.job.mode)
                         for i in range(len(self.job.tests)))
        return JobResult(outcomes=outcomes, wall_seconds=run.wall_seconds, deadline_hit=run.deadline_hit,
                         supervisor_stderr=run.stderr.decode("utf-8", "replace"))


def _generated(job: Job, specs, settings: SandboxSettings, client) -> tuple[RunOutcome, ...]:
    """The outcomes of a generate job building ``specs`` with ``job``'s generator, kind and image."""
    generate = Job(code="", kind=job.kind, entry_point=job.entry_point, limits=job.limits,
                   tests=tuple(CaseInput(generate=spec) for spec in specs), generator=job.generator,
                   mode="generate", image=job.image)
    return run_job(generate, settings, client).outcomes


def _following(nonce: str, max_body: int, mode: str, on_result, on_outcome):
    """The output watcher for progress counts and outcomes as they arrive (None when nobody follows)."""
    counter = frames.FrameCounter(nonce, on_result) if on_result else None
    stream = frames.FrameStream(nonce, max_body, lambda frame: frame.index != wire.END_INDEX and on_outcome(
        int(frame.index), _outcome([frame], max_body, None, mode))) if on_outcome else None
    if counter is None or stream is None:
        return counter or stream

    def follow(stdout) -> bool:
        counter(stdout)
        return stream(stdout)

    return follow


def _validate(job: Job) -> None:
    if job.kind not in KINDS:
        raise JobRejected(f"unknown kind {job.kind!r}")
    if len(job.code.encode("utf-8", "surrogatepass")) > MAX_CODE_BYTES:
        raise JobRejected(f"the code is larger than {MAX_CODE_BYTES // 1024} KiB")
    if job.mode not in MODES:
        raise JobRejected(f"unknown mode {job.mode!r}")
    if job.image not in image.IMAGES:
        raise JobRejected(f"unknown sandbox image {job.image!r}")
    if job.allowed_imports is not None and not all(isinstance(name, str) for name in job.allowed_imports):
        raise JobRejected("allowed imports must be module names")
    if not job.tests:
        raise JobRejected("a job needs at least one test")
    for test in job.tests:
        if (test.data is None) == (test.generate is None):
            raise JobRejected("each test needs either data or a generator call")
        if test.generate is not None and job.generator is None:
            raise JobRejected("a generated test needs the problem's generator")
        if test.generated is not None and (test.generate is None or job.mode == "generate"):
            raise JobRejected("a generated input's text goes with its generator call, in a run or measure job")
        if job.mode != "run" and test.generate is None:
            raise JobRejected(f"a {job.mode} job takes generated tests only")


def _job_wall(job: Job, settings: SandboxSettings) -> float:
    """The host's deadline: the sum of per-test backstops, capped by the job bound."""
    generator_wall = wall_backstop(GENERATOR_LIMITS["cpu_seconds"])
    total = sum(wall_backstop(job.limits.cpu_seconds) + (generator_wall if t.generate and t.generated is None else 0)
                for t in job.tests)
    return min(settings.job_wall_seconds, total + 5.0)


def _payload(job: Job, nonce: str, settings: SandboxSettings) -> bytes:
    def supervisor_limits(cpu_seconds, memory_mb, output_bytes):
        return {"cpu_seconds": cpu_seconds, "memory_mb": memory_mb, "output_bytes": output_bytes,
                "idle_seconds": waiting_limit(cpu_seconds), "wall_seconds": wall_backstop(cpu_seconds),
                "log_bytes": settings.log_bytes}

    limits = job.limits
    carried = [None if test.generated is None else test.generated.encode("utf-8") for test in job.tests]
    document = {
        "nonce": nonce,
        "kind": job.kind,
        "entry_point": job.entry_point,
        "code": job.code,
        "generator": job.generator,
        "mode": job.mode,
        "event_cap": job.event_cap,
        "allowed_imports": None if job.allowed_imports is None else list(job.allowed_imports),
        "limits": supervisor_limits(limits.cpu_seconds, limits.memory_mb, limits.output_kb * 1024),
        "generator_limits": supervisor_limits(**GENERATOR_LIMITS),
        "tests": [_test_document(test, blob) for test, blob in zip(job.tests, carried, strict=True)],
    }
    try:
        header = json.dumps(document, allow_nan=True).encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError) as error:
        raise JobRejected(f"the job cannot be encoded: {error}") from error
    # The carried inputs follow the document as they are: written into it as JSON strings, every quote
    # escaped by the host and unescaped by the supervisor, they cost a Submit a tenth of a second.
    return header + b"\n" + b"".join(blob for blob in carried if blob is not None)


def _test_document(test: CaseInput, carried: bytes | None) -> dict:
    document = {"input": test.data} if test.data is not None else {"generate": test.generate.as_json()}
    if carried is not None:
        document["carried_bytes"] = len(carried)
    if test.series is not None:
        document["series"] = test.series
    return document


def _missing_outcome(run: container.ContainerRun) -> RunOutcome:
    if run.stopped:
        return RunOutcome("skipped", "not run: the job was ended once its caller had what it needed")
    if run.deadline_hit:
        return RunOutcome("unfinished", "not finished: the job's wall-clock bound was reached first")
    if run.output_capped:
        return RunOutcome("output_limit", "not finished: the job's output passed its byte cap")
    if run.oom_killed:
        return RunOutcome("memory", "not finished: the container ran out of memory")
    last_words = run.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
    return RunOutcome("missing", f"no result: the sandbox ended before this test ran ({last_words[0][:300]})")


def _number(meta: dict, key: str):
    value = meta.get(key)
    return value if type(value) in (int, float) else None


def _text(meta: dict, key: str) -> str:
    value = meta.get(key)
    return value if type(value) is str else ""


def _outcome(found: list[frames.Frame], max_body: int, fallback: RunOutcome, mode: str) -> RunOutcome:
    if not found:
        return fallback
    if len(found) > 1:
        return RunOutcome("malformed", f"{len(found)} results for one test")
    meta, body = found[0].meta, found[0].body
    status = meta.get("status")
    common = {
        "detail": _text(meta, "detail"),
        "cpu_ms": _number(meta, "cpu_ms"),
        "wall_ms": _number(meta, "wall_ms"),
        "max_rss_kb": _number(meta, "max_rss_kb"),
        "stdout": _text(meta, "stdout"),
        "stderr": _text(meta, "stderr"),
    }
    if status not in STATUSES:
        return RunOutcome("malformed", "the sandbox reported an unknown status", **_without(common, "detail"))
    if status != "completed":
        return RunOutcome(status, **common)
    if not body:
        return RunOutcome("malformed", "the process ended without writing a result", **_without(common, "detail"))
    try:
        result = _parse_body(body, max_body, mode)
    except UntrustedDataError as error:
        return RunOutcome("malformed", f"the result is unreadable: {error}", **_without(common, "detail"))
    return RunOutcome("completed", result=result, raw=body if mode == "generate" else b"", **common)


def _parse_body(body: bytes, max_body: int, mode: str) -> dict:
    """The runner's result object; a measure run's body starts with its set-up line."""
    setup = None
    if mode == "measure":
        first, _, body = body.partition(b"\n")
        setup = parse_json(first, max_bytes=256, max_depth=1)
    result = parse_json(body, max_bytes=max_body, max_depth=80, typed=True)
    if not isinstance(result, dict):
        raise UntrustedDataError("the result is not an object")
    if isinstance(setup, dict) and type(setup.get("setup_cpu_ms")) in (int, float):
        result["setup_cpu_ms"] = setup["setup_cpu_ms"]
    return result


def _without(mapping: dict, key: str) -> dict:
    return {k: v for k, v in mapping.items() if k != key}
