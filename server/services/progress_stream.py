"""A submission's judging progress as a capped, short-lived Server-Sent Events stream.

A stream holds one of the server's request threads while it waits, so this
process serves only a few per attempt and a fraction of its threads in all,
each for at most a short lifetime; the browser's EventSource reconnects when
one ends, and a refused browser polls the status address instead. The caps are per
process: several processes each keep their own.
"""

import collections
import threading
import time
from collections.abc import Callable, Iterator

from sqlmodel import Session

from server import json_out
from server.models import Submission, SubmissionStatus
from server.services.candidate_view import progress_view

HEARTBEAT_SECONDS = 5.0  # a stream whose browser left fails on its next write, freeing its thread and slot
RECONNECT_MS = 1000  # how soon the browser reconnects once a stream reaches its lifetime
FINISHED = (SubmissionStatus.DONE, SubmissionStatus.ERROR)
ENDED_PHASES = ("done", "error")  # posted once the row is saved finished


class StreamRefused(Exception):
    """Over a cap: ``status`` is 429 (this attempt has enough streams) or 503 (the server has)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def total_cap(config) -> int:
    """How many streams this process serves at once: ``PROGRESS_STREAMS``, or a quarter of its threads."""
    return config["PROGRESS_STREAMS"] or max(1, config["SERVER_THREADS"] // 4)


class StreamSlots:
    """The progress streams this process has open, per attempt, so new ones can be refused over the caps."""

    def __init__(self):
        self._lock = threading.Lock()
        self._open: collections.Counter[int] = collections.Counter()

    def take(self, attempt_id: int, per_attempt: int, total: int) -> Callable[[], None]:
        """A slot for one stream of ``attempt_id``; returns its release (safe to call twice).

        Raises:
            StreamRefused: The attempt has ``per_attempt`` streams open, or this process ``total``.
        """
        with self._lock:
            if self._open[attempt_id] >= per_attempt:
                raise StreamRefused(429, f"This attempt already has {per_attempt} progress streams open.")
            if self._open.total() >= total:
                raise StreamRefused(503, f"The server is serving its maximum of {total} progress streams.")
            self._open[attempt_id] += 1
        released = threading.Event()

        def release() -> None:
            with self._lock:
                if not released.is_set():
                    released.set()
                    self._open[attempt_id] -= 1
                    if not self._open[attempt_id]:
                        del self._open[attempt_id]

        return release


def events(board, engine, submission_id: int, kind: str, lifetime: float) -> Iterator[str]:
    """The SSE stream until judging ends or ``lifetime`` passes.

    An event goes out only when what the candidate sees changes, and a heartbeat
    only after a quiet interval, so a submit's stream is timed by its phases,
    never by its hidden tests. The submission's row is read when the stream
    opens and again only when the board says judging ended or knows nothing:
    hundreds of open streams must not each query the database every heartbeat.
    """
    yield f"retry: {RECONNECT_MS}\n\n"
    ends = time.monotonic() + lifetime
    progress, status = board.get(submission_id), _status(engine, submission_id)
    sent, quiet_since = None, time.monotonic()
    while True:
        current = progress_view(progress, status, kind)
        now = time.monotonic()
        if current != sent:
            yield _event("progress", current)
            sent, quiet_since = current, now
        elif now - quiet_since >= HEARTBEAT_SECONDS:
            yield ": heartbeat\n\n"
            quiet_since = now
        left = ends - now
        if status in FINISHED or left <= 0:
            return
        progress = board.wait_for_change(submission_id, progress,
                                         max(0.0, min(HEARTBEAT_SECONDS - (now - quiet_since), left)))
        if progress is None or progress.phase in ENDED_PHASES:
            status = _status(engine, submission_id)


def _status(engine, submission_id: int) -> SubmissionStatus:
    with Session(engine) as session:
        return session.get(Submission, submission_id).status


def _event(name: str, data: dict) -> str:
    return f"event: {name}\ndata: {json_out.dumps(data)}\n\n"
