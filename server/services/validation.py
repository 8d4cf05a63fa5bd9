"""Validate in the background: ``problem check`` (the real sandbox) on an authored working copy.

Each Validate is a ``ValidationRun`` row, committed before anything runs, as
submissions are: a restart re-runs what was queued or running (``recover``),
and any server process can report a run's progress. One run per problem at a
time, in a small thread pool. A run checks the working copy as it is when the
run starts; the report and the hash of the files it checked go on the
``AuthoredProblem`` row, which publishing reads. While the Docker engine is
away (``EngineUnavailable``) a run waits, phase ``delayed``, and starts again
from the beginning once the engine answers, with the judge queue's back-off.
"""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlmodel import Session, select

from sandbox.errors import EngineUnavailable, SandboxError
from server.errors import ProblemFormatError
from server.models import AuthoredProblem, ValidationRun, ValidationStatus, utcnow
from server.problems.check import CheckReport, check_package
from server.problems.tree import tree_hash
from server.services import leases
from server.services.authoring import materialised
from server.services.scheduling import retry_delay

log = logging.getLogger(__name__)

UNFINISHED = (ValidationStatus.QUEUED, ValidationStatus.RUNNING)
DELAYED = "Delayed: the sandbox's Docker engine is unavailable; the check runs by itself once it answers."


def progress_json(run: ValidationRun | None) -> dict | None:
    """What the page polls: ``running`` (queued or running), ``done`` or ``error``, the phase, 0..1, the hash."""
    if run is None:
        return None
    status = "running" if run.status in UNFINISHED else run.status.value
    return {"status": status, "phase": run.phase, "fraction": run.fraction, "files_hash": run.files_hash,
            "message": run.message}


def latest_run(session: Session, problem_id: str) -> ValidationRun | None:
    return session.exec(select(ValidationRun).where(ValidationRun.problem_id == problem_id)
                        .order_by(ValidationRun.id.desc()).limit(1)).first()


def runs(session: Session, problem_id: str, limit: int = 20) -> list[ValidationRun]:
    """The problem's most recent runs, newest first (the page's history)."""
    return list(session.exec(select(ValidationRun).where(ValidationRun.problem_id == problem_id)
                             .order_by(ValidationRun.id.desc()).limit(limit)))


def run_validation(engine, run_id: int, lease_seconds: float = leases.LEASE_SECONDS) -> bool:
    """Claim one queued run and check its problem's working copy; False when another judge has it or it is done.

    Raises:
        EngineUnavailable: The engine could not finish the check; the run is queued again (phase delayed).
    """
    holder = leases.new_holder()
    if not leases.claim(engine, ValidationRun, run_id, holder, lease_seconds):
        return False
    with leases.beating(engine, ValidationRun, run_id, holder, lease_seconds):
        try:
            _check(engine, run_id, holder)
        except EngineUnavailable:
            leases.release(engine, ValidationRun, run_id, holder)
            _update(engine, run_id, phase="delayed", fraction=0.0, message=DELAYED)
            raise
        except SandboxError as error:
            _finish(engine, run_id, holder, ValidationStatus.ERROR, f"the sandbox is not usable: {error}")
        except Exception as error:  # a judge must survive anything a check raises, and say so
            log.exception("validation run %s failed", run_id)
            _finish(engine, run_id, holder, ValidationStatus.ERROR, f"internal error: {type(error).__name__}: {error}")
    return True


def _update(engine, run_id: int, **values) -> None:
    with Session(engine) as session:
        run = session.get(ValidationRun, run_id)
        for key, value in values.items():
            setattr(run, key, value)
        session.add(run)
        session.commit()


def _check(engine, run_id: int, holder: str) -> None:
    with Session(engine, expire_on_commit=False) as session:
        run = session.get(ValidationRun, run_id)
        problem = session.get(AuthoredProblem, run.problem_id)
        files = dict(problem.files)
        files_hash = tree_hash(files)
        run.phase, run.files_hash, run.message = "starting", files_hash, ""
        session.add(run)
        session.commit()
    try:
        with materialised(problem.problem_id, files) as root:
            report = check_package(root, progress=lambda phase, fraction: _update(
                engine, run_id, phase=phase, fraction=fraction))
    except ProblemFormatError as error:  # a path outside the package: nothing was written, nothing run
        report = CheckReport(problem.problem_id, tuple(error.issues))
    result = {**report.as_json(), "package": problem.problem_id}
    with Session(engine) as session:
        if leases.holds(session, ValidationRun, run_id, holder) is None:
            return  # judged again elsewhere after this judge's lease lapsed
        problem = session.get(AuthoredProblem, problem.problem_id)
        problem.check_report, problem.checked_hash = result, files_hash
        session.add(problem)
        session.commit()
    _finish(engine, run_id, holder, ValidationStatus.DONE, "passed" if result["ok"] else "failed")


def _finish(engine, run_id: int, holder: str, status: ValidationStatus, message: str) -> None:
    with Session(engine) as session:
        run = leases.holds(session, ValidationRun, run_id, holder)
        if run is None:
            return
        run.status, run.phase, run.fraction, run.message, run.finished_at = status, status.value, 1.0, message, utcnow()
        session.add(run)
        session.commit()


class Validations:
    """A bounded pool that runs ``run_validation`` for the ``ValidationRun`` rows it is given (the embedded
    default; ``server.cluster`` sends them to workers instead)."""

    def __init__(self, engine, workers: int = 1):
        self._engine = engine
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="validate")
        self._starting = threading.Lock()

    def start(self, problem: AuthoredProblem, user_id: int | None) -> ValidationRun:
        """Queue a check of ``problem``'s working copy; a run not yet finished is returned instead."""
        with self._starting, Session(self._engine, expire_on_commit=False) as session:
            run = latest_run(session, problem.problem_id)
            if run is not None and run.status in UNFINISHED:
                return run
            run = ValidationRun(problem_id=problem.problem_id, files_hash=tree_hash(problem.files),
                                requested_by=user_id)
            session.add(run)
            session.commit()
        self._send(run.id)
        return run

    def recover(self) -> int:
        """Queue again the runs a previous process left queued or running; returns how many."""
        with Session(self._engine) as session:
            stuck = session.exec(select(ValidationRun).where(ValidationRun.status.in_(UNFINISHED))
                                 .order_by(ValidationRun.id)).all()
            for run in stuck:
                run.status, run.phase, run.fraction = ValidationStatus.QUEUED, "queued", 0.0
                run.claimed_by, run.heartbeat_at = None, None
                session.add(run)
            session.commit()
            ids = [run.id for run in stuck]
        for run_id in ids:
            self._send(run_id)
        return len(ids)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _send(self, run_id: int) -> None:
        self._pool.submit(self._work, run_id)

    def _work(self, run_id: int, failures: int = 0) -> None:
        try:
            run_validation(self._engine, run_id)
        except EngineUnavailable as error:
            self._retry_later(run_id, failures + 1, error)

    def _retry_later(self, run_id: int, failures: int, error: EngineUnavailable) -> None:
        delay = retry_delay(failures)
        log.warning("validation run %s delayed %.0f s (the engine failed it %d times in a row): %s",
                    run_id, delay, failures, str(error))
        timer = threading.Timer(delay, self._resume, (run_id, failures))
        timer.daemon = True
        timer.start()

    def _resume(self, run_id: int, failures: int) -> None:
        try:
            self._pool.submit(self._work, run_id, failures)
        except RuntimeError:  # shut down: the row stays queued for the next start to recover
            pass
