"""Where a submission's judging is (phase, fraction, sentence), shared by the judge and the pages.

The judge posts each step; the progress pages read the latest and wait for the
next. ``MemoryBoard`` serves one process (the embedded judge queue's threads
and the request threads share it). ``RedisBoard`` serves a cluster: workers on
any host post to Redis, and every web process reads it, woken by one pub/sub
listener per process instead of a connection per waiting stream. Progress is
advisory: the submission row is the truth once judging ends, so a board that
cannot be reached answers "unknown" (None) and the page falls back on the
row's status.
"""

import dataclasses
import json
import logging
import math
import threading
import time

log = logging.getLogger(__name__)

KEY_PREFIX = "techscreen:progress:"
KEPT_SECONDS = 24 * 3600  # long after any job: the row is the truth by then
# A test count is posted at most this often: each post is a round trip to Redis and a wake-up of every stream
# that follows the submission, and a job's small tests end milliseconds apart.
TEST_COUNT_SECONDS = 0.1


@dataclasses.dataclass(frozen=True)
class Progress:
    """Where one submission is: ``phase`` (queued, delayed, tests, complexity, done, error), 0..1 and a
    sentence."""

    phase: str
    fraction: float
    message: str

    def as_json(self) -> dict:
        return dataclasses.asdict(self)


def count_poster(board, submission_id: int, count: int, clock=time.monotonic):
    """``on_result(done)`` for a job of ``count`` tests: posts "Test done of count" (phase ``tests``, 0.1 to
    0.6) to ``board``, at most every ``TEST_COUNT_SECONDS`` but always the last test's."""
    last_post = -math.inf

    def on_result(done: int) -> None:
        nonlocal last_post
        done = min(done, count)
        now = clock()
        if done < count and now - last_post < TEST_COUNT_SECONDS:
            return
        last_post = now
        board.post(submission_id, Progress("tests", 0.1 + 0.5 * done / count, f"Test {done} of {count}"))

    return on_result


class MemoryBoard:
    """Progress in this process's memory, with a condition the streams wait on."""

    def __init__(self):
        self._progress: dict[int, Progress] = {}
        self._changed = threading.Condition()

    def post(self, submission_id: int, progress: Progress) -> None:
        with self._changed:
            self._progress[submission_id] = progress
            self._changed.notify_all()

    def get(self, submission_id: int) -> Progress | None:
        return self._progress.get(submission_id)

    def wait_for_change(self, submission_id: int, last: Progress | None, timeout: float) -> Progress | None:
        """Block until the submission's progress differs from ``last`` (or ``timeout``)."""
        with self._changed:
            self._changed.wait_for(lambda: self._progress.get(submission_id) != last, timeout)
            return self._progress.get(submission_id)

    def close(self) -> None:
        """Nothing to release: the memory goes with the process."""


class RedisBoard:
    """Progress in Redis: a key per submission (the latest) and a pub/sub message per change."""

    def __init__(self, url: str):
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5,
                                           health_check_interval=30)
        self._errors = (redis.RedisError, OSError)
        self._lock = threading.Lock()
        self._waiting: dict[int, set[threading.Event]] = {}
        self._listener: threading.Thread | None = None
        self._closed = threading.Event()

    def post(self, submission_id: int, progress: Progress) -> None:
        """Publish ``progress``; a Redis outage is logged and never fails the judging that posts it."""
        key = f"{KEY_PREFIX}{submission_id}"
        try:
            with self._redis.pipeline(transaction=False) as pipe:
                pipe.set(key, json.dumps(progress.as_json()), ex=KEPT_SECONDS)
                pipe.publish(key, b"")
                pipe.execute()
        except self._errors as error:
            log.warning("could not publish the progress of submission %s: %s", submission_id, error)

    def get(self, submission_id: int) -> Progress | None:
        try:
            raw = self._redis.get(f"{KEY_PREFIX}{submission_id}")
        except self._errors as error:
            log.warning("could not read the progress of submission %s: %s", submission_id, error)
            return None
        return Progress(**json.loads(raw)) if raw else None

    def wait_for_change(self, submission_id: int, last: Progress | None, timeout: float) -> Progress | None:
        """Block until the submission's progress differs from ``last`` (or ``timeout``)."""
        changed = threading.Event()
        with self._lock:
            self._waiting.setdefault(submission_id, set()).add(changed)
            self._start_listener()
        try:
            current = self.get(submission_id)  # after registering: a change from now on wakes us
            if current == last:
                changed.wait(timeout)
                current = self.get(submission_id)
            return current
        finally:
            with self._lock:
                waiting = self._waiting.get(submission_id, set())
                waiting.discard(changed)
                if not waiting:
                    self._waiting.pop(submission_id, None)

    def close(self) -> None:
        self._closed.set()
        self._redis.close()

    def _start_listener(self) -> None:
        if self._listener is None or not self._listener.is_alive():
            self._listener = threading.Thread(target=self._listen, name="progress-listener", daemon=True)
            self._listener.start()

    def _listen(self) -> None:
        """Wake the waiters of each changed submission; after a lost connection, wake everyone (they read
        again) and subscribe again."""
        while not self._closed.is_set():
            try:
                with self._redis.pubsub(ignore_subscribe_messages=True) as pubsub:
                    pubsub.psubscribe(f"{KEY_PREFIX}*")
                    while not self._closed.is_set():
                        message = pubsub.get_message(timeout=1.0)
                        if message is not None:
                            self._wake(message["channel"].decode()[len(KEY_PREFIX):])
            except self._errors as error:
                log.warning("progress listener lost Redis (%s); subscribing again", error)
                self._wake(None)
                time.sleep(1.0)

    def _wake(self, submission: str | None) -> None:
        with self._lock:
            if submission is None:
                events = [event for waiting in self._waiting.values() for event in waiting]
            else:
                events = list(self._waiting.get(int(submission), ())) if submission.isdigit() else []
        for event in events:
            event.set()
