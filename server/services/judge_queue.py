"""The judge queue: submissions persisted as queued, judged by a bounded pool of threads.

Nothing is judged before its row is committed, so a crash loses nothing:
``recover`` re-queues every submission left queued or running. Which job
runs next is fair share between attempts (``scheduling``), so one
candidate's pile of Runs never holds up another's Submit. When the Docker
engine is away (``EngineUnavailable``) the submission goes back to the queue
and is judged again, whole, once the engine answers; the candidate is told
it is delayed, never asked to resubmit. Progress (phase and fraction) is
kept in memory for the SSE stream; the row is the truth once judging ends.
"""

import dataclasses
import hashlib
import itertools
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlmodel import Session, select

from sandbox.errors import EngineUnavailable, SandboxError
from server.errors import TechscreenError
from server.judge.judge import judge
from server.models import ProblemVersion, Submission, SubmissionStatus, utcnow
from server.review.flagging import flag_submission
from server.scoring.assess import assess
from server.services.problem_store import load_version
from server.services.scheduling import Waiting, next_job, retry_delay

log = logging.getLogger(__name__)
# A test's actual value, and a generated case's expected value, are kept in the report up to this much JSON:
# enough for the pages and their diffs (which show the first few thousand characters), without a huge output
# (a problem may allow megabytes per test) swelling every saved report.
MAX_KEPT_JSON = 32 * 1024
DELAYED = ("Judging is delayed: the judge is unavailable. Your submission is kept and will be judged "
           "automatically; there is no need to submit again.")


@dataclasses.dataclass(frozen=True)
class Progress:
    """Where one submission is: ``phase`` (queued, delayed, tests, complexity, done, error), 0..1 and a
    sentence."""

    phase: str
    fraction: float
    message: str

    def as_json(self) -> dict:
        return dataclasses.asdict(self)


def code_hash(kind: str, version_id: int, code: str, notes: str) -> str:
    """Same code and notes for the same problem and kind: the same hash, judged once."""
    digest = hashlib.sha256()
    for part in (kind, str(version_id), code, "\0", notes):
        digest.update(part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class JudgeQueue:
    """A bounded worker pool over the database's submission rows, shared fairly between attempts."""

    def __init__(self, engine, instance: Path, workers: int, client_factory=None):
        self._engine = engine
        self._instance = instance
        self._workers = max(1, workers)
        self._pool = ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="judge")
        self._progress: dict[int, Progress] = {}
        self._changed = threading.Condition()
        self._client_factory = client_factory
        self._lock = threading.Lock()  # guards the scheduling state below
        self._clock = itertools.count(1)
        self._waiting: dict[int, Waiting] = {}
        self._busy: set[int] = set()  # attempts with a job running
        self._served: dict[int, int] = {}  # attempt -> tick its last job ended, while it has jobs waiting
        self._timer: threading.Timer | None = None
        self._closed = False

    def enqueue(self, submission_id: int, attempt_id: int, kind: str) -> None:
        """Queue a committed submission; it starts when a worker is free and its attempt's turn comes."""
        self._set(submission_id, Progress("queued", 0.0, "Waiting for a judge"))
        with self._lock:
            self._waiting[submission_id] = Waiting(submission_id, attempt_id, kind, next(self._clock))
        self._dispatch()

    def recover(self) -> int:
        """Queue again what a previous process left queued or running; returns how many."""
        with Session(self._engine) as session:
            stuck = session.exec(select(Submission).where(
                Submission.status.in_([SubmissionStatus.QUEUED, SubmissionStatus.RUNNING]))
                .order_by(Submission.id)).all()
            for submission in stuck:
                submission.status = SubmissionStatus.QUEUED
                session.add(submission)
            session.commit()
            jobs = [(submission.id, submission.attempt_id, submission.kind) for submission in stuck]
        for job in jobs:
            self.enqueue(*job)
        return len(jobs)

    def progress(self, submission_id: int) -> Progress | None:
        return self._progress.get(submission_id)

    def wait_for_change(self, submission_id: int, last: Progress | None, timeout: float) -> Progress | None:
        """Block until the submission's progress differs from ``last`` (or ``timeout``)."""
        with self._changed:
            self._changed.wait_for(lambda: self._progress.get(submission_id) != last, timeout)
            return self._progress.get(submission_id)

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _set(self, submission_id: int, progress: Progress) -> None:
        with self._changed:
            self._progress[submission_id] = progress
            self._changed.notify_all()

    def _dispatch(self) -> None:
        """Start jobs while a worker is free and one is ready; wake up again when the next back-off ends."""
        with self._lock:
            now = time.monotonic()
            while not self._closed and len(self._busy) < self._workers:
                job = next_job(self._waiting.values(), self._busy, self._served, now)
                if job is None:
                    break
                try:
                    self._pool.submit(self._run, job)
                except RuntimeError:  # the interpreter is exiting: the row stays queued for the next start
                    self._closed = True
                    break
                del self._waiting[job.submission_id]
                self._busy.add(job.attempt_id)
            if self._timer is not None:
                self._timer.cancel()
            due = min((job.due for job in self._waiting.values() if job.due > now), default=None)
            if due is not None and not self._closed:
                self._timer = threading.Timer(due - now, self._dispatch)
                self._timer.daemon = True
                self._timer.start()

    def _run(self, job: Waiting) -> None:
        try:
            self._judge(job.submission_id)
        except EngineUnavailable as error:
            self._retry_later(job, error)
        except (TechscreenError, SandboxError) as error:
            self._fail(job.submission_id, str(error))
        except Exception as error:  # the worker must survive anything a judge run raises
            log.exception("judging submission %s failed", job.submission_id)
            self._fail(job.submission_id, f"internal error: {type(error).__name__}: {error}")
        finally:
            with self._lock:
                self._busy.discard(job.attempt_id)
                if any(waiting.attempt_id == job.attempt_id for waiting in self._waiting.values()):
                    self._served[job.attempt_id] = next(self._clock)
                else:  # its next job will arrive later than now anyway
                    self._served.pop(job.attempt_id, None)
            self._dispatch()

    def _retry_later(self, job: Waiting, error: EngineUnavailable) -> None:
        """Back to the queue after a back-off: the engine's fault says nothing about the code."""
        failures = job.failures + 1
        delay = retry_delay(failures)
        # the message only: a log record keeping the error would keep alive what its traceback holds
        log.warning("judging submission %s delayed %.0f s (the engine failed it %d times in a row): %s",
                    job.submission_id, delay, failures, str(error))
        with Session(self._engine) as session:
            submission = session.get(Submission, job.submission_id)
            submission.status, submission.started_at = SubmissionStatus.QUEUED, None
            session.add(submission)
            session.commit()
        self._set(job.submission_id, Progress("delayed", 0.0, DELAYED))
        with self._lock:
            self._waiting[job.submission_id] = dataclasses.replace(job, due=time.monotonic() + delay,
                                                                   failures=failures)

    def _judge(self, submission_id: int) -> None:
        """Judge and save one submission.

        Raises:
            EngineUnavailable: The engine could not finish the job; nothing was saved.
            TechscreenError, SandboxError: Judging failed for good.
        """
        with Session(self._engine, expire_on_commit=False) as session:
            submission = session.get(Submission, submission_id)
            if submission is None or submission.status not in (SubmissionStatus.QUEUED, SubmissionStatus.RUNNING):
                return
            submission.status, submission.started_at = SubmissionStatus.RUNNING, utcnow()
            session.add(submission)
            session.commit()
            package = load_version(session, session.get(ProblemVersion, submission.problem_version_id),
                                   self._instance)
        client = self._client_factory() if self._client_factory else None
        try:
            cases = package.public_cases if submission.kind == "run" else None
            count = len(cases if cases is not None else package.cases)
            self._set(submission_id, Progress("tests", 0.1, f"Running {count} tests in the sandbox"))
            report = judge(package, submission.code, cases=cases, client=client,
                           on_result=lambda done: self._set(submission_id, Progress(
                               "tests", 0.1 + 0.5 * min(done, count) / count, f"Test {min(done, count)} of {count}")))
            if submission.kind == "submit":
                self._set(submission_id, Progress("complexity", 0.6, "Measuring time complexity and scoring"))
                report = dataclasses.replace(report, assessment=assess(package, submission.code, report,
                                                                        submission.notes, client=client))
        finally:
            if client is not None:
                client.close()
        self._save(submission_id, report)

    def _save(self, submission_id: int, report) -> None:
        document = report.as_json()
        with Session(self._engine) as session:
            submission = session.get(Submission, submission_id)
            submission.report = _with_case_details(document, report)
            submission.verdict, submission.passed, submission.total = document["verdict"], report.passed, report.total
            if document.get("score"):
                submission.score, submission.band = document["score"]["total"], document["score"]["band"]
            submission.status, submission.finished_at = SubmissionStatus.DONE, utcnow()
            session.add(submission)
            session.commit()
            if submission.kind == "submit":
                self._flag_similar(session, submission_id)
        self._set(submission_id, Progress("done", 1.0, f"Verdict: {document['verdict']}"))

    def _flag_similar(self, session: Session, submission_id: int) -> None:
        """Similarity flags for a judged submit; a failure here is logged and never touches the verdict."""
        try:
            flag_submission(session, submission_id, self._instance)
        except Exception:  # flags are advisory: the saved verdict must survive whatever goes wrong here
            session.rollback()
            log.exception("similarity flagging of submission %s failed", submission_id)

    def _fail(self, submission_id: int, message: str) -> None:
        with Session(self._engine) as session:
            submission = session.get(Submission, submission_id)
            if submission is not None:
                submission.status, submission.error, submission.finished_at = SubmissionStatus.ERROR, message, utcnow()
                session.add(submission)
                session.commit()
        self._set(submission_id, Progress("error", 1.0, message))


def _with_case_details(document: dict, report) -> dict:
    """The JSON report plus each test's actual value, the exception it raised, stdout, stderr and the reference's
    expected value (staff only; filtered for candidates)."""
    details = {test.name: {**_kept("actual", test.actual), "stdout": test.stdout, "stderr": test.stderr,
                           "message": test.message, **({"raised": test.raised.as_json()} if test.raised else {}),
                           **(_kept("expected", test.reference.value) if test.reference else {})}
               for test in report.tests}
    return {**document, "details": details}


def _kept(key: str, value) -> dict:
    """``{key: value}`` when its JSON is small; else ``{key_omitted_chars: size}``, so the pages can say why."""
    size = len(json.dumps(value, allow_nan=True, default=repr))
    return {key: value} if size <= MAX_KEPT_JSON else {f"{key}_omitted_chars": size}
