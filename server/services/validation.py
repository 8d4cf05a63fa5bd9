"""Validate in the background: ``problem check`` (the real sandbox) on an authored working copy.

One run per problem at a time, in a small thread pool. Progress is kept in
memory for polling; the report and the hash of the files it checked are
stored on the ``AuthoredProblem`` row when the run ends.
"""

import dataclasses
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlmodel import Session

from sandbox.errors import SandboxError
from server.models import AuthoredProblem
from server.problems.check import check_package
from server.problems.tree import tree_hash
from server.services.authoring import materialised

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class ValidationProgress:
    """Where a run is: ``running`` or ``done`` or ``error``, its phase, 0..1, and the files' hash."""

    status: str
    phase: str
    fraction: float
    files_hash: str
    message: str = ""

    def as_json(self) -> dict:
        return dataclasses.asdict(self)


class Validations:
    """Runs ``check_package`` on working copies, one at a time per problem."""

    def __init__(self, engine, workers: int = 1):
        self._engine = engine
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="validate")
        self._progress: dict[str, ValidationProgress] = {}
        self._lock = threading.Lock()

    def start(self, problem_id: str, files: dict[str, str]) -> ValidationProgress:
        """Queue a check of ``files``; a run already going for this problem is returned instead."""
        with self._lock:
            running = self._progress.get(problem_id)
            if running is not None and running.status == "running":
                return running
            started = ValidationProgress("running", "queued", 0.0, tree_hash(files))
            self._progress[problem_id] = started
        self._pool.submit(self._run, problem_id, dict(files), started.files_hash)
        return started

    def progress(self, problem_id: str) -> ValidationProgress | None:
        return self._progress.get(problem_id)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _set(self, problem_id: str, progress: ValidationProgress) -> None:
        with self._lock:
            self._progress[problem_id] = progress

    def _run(self, problem_id: str, files: dict[str, str], files_hash: str) -> None:
        def report(phase: str, fraction: float) -> None:
            self._set(problem_id, ValidationProgress("running", phase, fraction, files_hash))

        try:
            with materialised(problem_id, files) as root:
                result = {**check_package(root, progress=report).as_json(), "package": problem_id}
        except SandboxError as error:
            self._set(problem_id, ValidationProgress("error", "error", 1.0, files_hash,
                                                     f"the sandbox is not usable: {error}"))
            return
        except Exception as error:  # the worker must survive anything a check raises, and say so
            log.exception("validating %s failed", problem_id)
            self._set(problem_id, ValidationProgress("error", "error", 1.0, files_hash,
                                                     f"internal error: {type(error).__name__}: {error}"))
            return
        with Session(self._engine) as session:
            problem = session.get(AuthoredProblem, problem_id)
            if problem is not None:
                problem.check_report, problem.checked_hash = result, files_hash
                session.add(problem)
                session.commit()
        self._set(problem_id, ValidationProgress("done", "done", 1.0, files_hash,
                                                 "passed" if result["ok"] else "failed"))
