"""The in-process judge queue: submissions persisted as queued, judged by a bounded pool of threads.

The embedded default (no broker configured; ``server.cluster`` is the other).
Nothing is judged before its row is committed, so a crash loses nothing:
``recover`` re-queues every submission left queued or running. Which job
runs next is fair share between attempts (``scheduling``), so one
candidate's pile of Runs never holds up another's Submit. When the Docker
engine is away (``EngineUnavailable``) the submission goes back to the queue
and is judged again, whole, once the engine answers; the candidate is told
it is delayed, never asked to resubmit. What a judge does with a job is
``judging``'s; progress goes on a ``MemoryBoard`` for the SSE stream.
"""

import dataclasses
import itertools
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlmodel import Session, select

from sandbox.errors import EngineUnavailable
from server.models import Submission, SubmissionStatus
from server.services.judging import JudgeContext, judge_submission
from server.services.progress_board import MemoryBoard, Progress
from server.services.scheduling import Waiting, next_job, retry_delay

log = logging.getLogger(__name__)


class JudgeQueue:
    """A bounded worker pool over the database's submission rows, shared fairly between attempts."""

    def __init__(self, engine, instance: Path, workers: int, client_factory=None):
        self._engine = engine
        self.board = MemoryBoard()
        self._context = JudgeContext(engine, instance, self.board, client_factory)
        self._workers = max(1, workers)
        self._pool = ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="judge")
        self._lock = threading.Lock()  # guards the scheduling state below
        self._clock = itertools.count(1)
        self._waiting: dict[int, Waiting] = {}
        self._busy: set[int] = set()  # attempts with a job running
        self._served: dict[int, int] = {}  # attempt -> tick its last job ended, while it has jobs waiting
        self._timer: threading.Timer | None = None
        self._closed = False

    def enqueue(self, submission_id: int, attempt_id: int, kind: str) -> None:
        """Queue a committed submission; it starts when a worker is free and its attempt's turn comes."""
        self.board.post(submission_id, Progress("queued", 0.0, "Waiting for a judge"))
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
                submission.status, submission.claimed_by, submission.heartbeat_at = SubmissionStatus.QUEUED, None, None
                session.add(submission)
            session.commit()
            jobs = [(submission.id, submission.attempt_id, submission.kind) for submission in stuck]
        for job in jobs:
            self.enqueue(*job)
        return len(jobs)

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)

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
            judge_submission(self._context, job.submission_id)
        except EngineUnavailable as error:
            self._retry_later(job, error)
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
        with self._lock:
            self._waiting[job.submission_id] = dataclasses.replace(job, due=time.monotonic() + delay,
                                                                   failures=failures)
