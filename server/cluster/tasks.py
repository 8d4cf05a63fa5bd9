"""The Celery tasks a worker runs: judge a submission, validate an authored problem.

Each is idempotent: it claims its row first (``leases``), so a task delivered
again for a job judged, or held by another worker, does nothing. A worker
whose Docker engine is away sends the job straight back to the broker for
another worker and itself waits out the back-off before taking more work.
"""

import logging
import time

from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from sandbox.errors import EngineUnavailable
from server.cluster.celery_app import celery
from server.cluster.sending import JUDGE_TASK, VALIDATE_TASK, send_submission, send_validation
from server.cluster.worker_context import judge_context
from server.models import Submission
from server.services import leases
from server.services.judging import Outcome, judge_submission
from server.services.scheduling import retry_delay
from server.services.validation import run_validation

log = logging.getLogger(__name__)


# A database that does not answer (restarting, failing over) is waited for: the task runs again later.
WAIT_FOR_DATABASE = {"autoretry_for": (OperationalError,), "retry_backoff": 2, "retry_backoff_max": 60,
                     "retry_jitter": True, "max_retries": None}


@celery.task(name=JUDGE_TASK, **WAIT_FOR_DATABASE)
def judge_task(submission_id: int, failures: int = 0) -> str:
    context = judge_context()
    try:
        outcome = judge_submission(context, submission_id)
    except EngineUnavailable as error:
        kind = _kind(context, submission_id)
        _hand_back(error, failures, lambda: send_submission(context.engine, submission_id, kind, failures + 1))
        return "delayed"
    if outcome is not Outcome.NOT_CLAIMED:
        _send_next_in_attempt(context, submission_id)
    return outcome.value


@celery.task(name=VALIDATE_TASK, **WAIT_FOR_DATABASE)
def validate_task(run_id: int, failures: int = 0) -> str:
    context = judge_context()
    try:
        ran = run_validation(context.engine, run_id, context.lease_seconds)
    except EngineUnavailable as error:
        _hand_back(error, failures, lambda: send_validation(context.engine, run_id, failures + 1))
        return "delayed"
    return "checked" if ran else "not_claimed"


def _hand_back(error: EngineUnavailable, failures: int, send) -> None:
    """Another worker may have an engine: send the job again now, and take no work until the back-off ends."""
    delay = retry_delay(failures + 1)
    log.warning("this worker's Docker engine is unavailable (%s); job handed back, pausing %.0f s", error, delay)
    send()
    time.sleep(delay)


def _kind(context, submission_id: int) -> str:
    with Session(context.engine) as session:
        return session.get(Submission, submission_id).kind


def _send_next_in_attempt(context, submission_id: int) -> None:
    """The attempt's next job waited for this one (one job per attempt at a time): send it now."""
    with Session(context.engine) as session:
        attempt_id = session.get(Submission, submission_id).attempt_id
        following = leases.next_in_attempt(session, attempt_id)
    if following is not None:
        send_submission(context.engine, following.id, following.kind)
