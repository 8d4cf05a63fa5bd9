"""Handing a job to the broker, after its row is committed, and recording when.

A send that fails (the broker is away) is logged and left for the sweep: the
row is already committed as queued, so nothing is lost.
"""

import logging

from sqlalchemy import update
from sqlmodel import Session

from server.cluster.celery_app import SUBMISSION_QUEUES, celery
from server.models import Submission, ValidationRun, utcnow

log = logging.getLogger(__name__)

JUDGE_TASK = "techscreen.judge_submission"
VALIDATE_TASK = "techscreen.validate_problem"


def send_submission(engine, submission_id: int, kind: str, failures: int = 0) -> bool:
    """Send a committed submission to the ``submit`` or ``run`` queue; True when the broker took it."""
    return _send(engine, Submission, submission_id, JUDGE_TASK, SUBMISSION_QUEUES[kind], failures)


def send_validation(engine, run_id: int, failures: int = 0) -> bool:
    """Send a committed validation run to the ``validate`` queue; True when the broker took it."""
    return _send(engine, ValidationRun, run_id, VALIDATE_TASK, "validate", failures)


def _send(engine, model, row_id: int, task: str, queue: str, failures: int) -> bool:
    try:
        celery.send_task(task, args=[row_id, failures], queue=queue, retry=True,
                         retry_policy={"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5})
    except Exception as error:  # kombu's errors vary by transport; the sweep sends it again later
        log.warning("could not send %s %s to the broker (the sweep will): %s", model.__name__, row_id, error)
        return False
    with Session(engine) as session:
        session.exec(update(model).where(model.id == row_id).values(sent_at=utcnow()))
        session.commit()
    return True
