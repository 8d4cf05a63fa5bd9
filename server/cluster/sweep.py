"""The periodic sweep: send again what a failure dropped, so that nothing queued is lost.

Every worker runs one (more than one is harmless: a job sent twice is claimed
once). It finds rows whose judge stopped beating (killed, its host gone) and
puts them back in the queue, and rows queued but not sent for a while (the
broker was down when they were committed, or restarted and lost them), and
sends them. A row still waiting in the broker and sent again is claimed once
and the copy dropped, so a generous resend interval costs little.
"""

import datetime as dt
import logging
import threading

from sqlalchemy import or_, update
from sqlmodel import Session, select

from server.cluster.sending import send_submission, send_validation
from server.models import Submission, SubmissionStatus, ValidationRun, ValidationStatus, utcnow
from server.services.delivery_dispatcher import deliver_due
from server.services.leases import lapsed

log = logging.getLogger(__name__)

SETTLE_SECONDS = 5.0  # a row just committed is being sent by the request that made it


def sweep(engine, lease_seconds: float, resend_seconds: float) -> int:
    """One pass; returns how many jobs it sent."""
    now = utcnow()
    requeued = _requeue_lapsed(engine, now, lease_seconds)
    unsent_before = now - dt.timedelta(seconds=resend_seconds)
    settled_before = now - dt.timedelta(seconds=SETTLE_SECONDS)
    with Session(engine) as session:
        submissions = session.exec(select(Submission.id, Submission.kind).where(
            Submission.status == SubmissionStatus.QUEUED, Submission.created_at < settled_before,
            or_(Submission.sent_at.is_(None), Submission.sent_at < unsent_before)
            | Submission.id.in_(requeued[Submission]))).all()
        runs = session.exec(select(ValidationRun.id).where(
            ValidationRun.status == ValidationStatus.QUEUED, ValidationRun.created_at < settled_before,
            or_(ValidationRun.sent_at.is_(None), ValidationRun.sent_at < unsent_before)
            | ValidationRun.id.in_(requeued[ValidationRun]))).all()
    sent = sum(send_submission(engine, submission_id, kind) for submission_id, kind in submissions)
    sent += sum(send_validation(engine, run_id) for run_id in runs)
    if sent:
        log.info("sweep sent %d jobs again (%d had lost their judge)", sent, sum(map(len, requeued.values())))
    return sent


def _requeue_lapsed(engine, now: dt.datetime, lease_seconds: float) -> dict:
    """Rows whose holder stopped beating, back to queued; their ids by model."""
    requeued = {}
    with Session(engine) as session:
        for model, queued in ((Submission, SubmissionStatus.QUEUED), (ValidationRun, ValidationStatus.QUEUED)):
            ids = list(session.exec(select(model.id).where(lapsed(model, now, lease_seconds))))
            if ids:
                session.exec(update(model).where(model.id.in_(ids), lapsed(model, now, lease_seconds))
                             .values(status=queued, claimed_by=None, heartbeat_at=None, started_at=None))
                log.warning("%s %s lost their judge; queued again", model.__name__, ids)
            requeued[model] = ids
        session.commit()
    return requeued


class Sweeper:
    """``sweep`` every ``interval`` seconds on a daemon thread, surviving a database or broker outage; each pass
    also sends the outgoing deliveries due (webhooks, Greenhouse's PATCH) with the app's ``settings``."""

    def __init__(self, engine, interval: float, lease_seconds: float, resend_seconds: float, settings: dict):
        self._args = (engine, lease_seconds, resend_seconds)
        self._settings = settings
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sweep", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                sweep(*self._args)
            except Exception as error:  # the database or broker is away: the next pass tries again
                log.warning("sweep failed: %s", error)
            try:
                deliver_due(self._args[0], self._settings)
            except Exception as error:  # likewise
                log.warning("sending deliveries failed: %s", error)
