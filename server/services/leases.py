"""A judge's hold on one job (a submission or a validation run), so that no job is judged twice or lost.

A judge *claims* a queued row before working on it: one atomic UPDATE that
succeeds for one judge only, and (for a submission) only while no other job of
the same attempt is running. While it works it *beats*: the row's
``heartbeat_at`` moves every third of the lease. Its result is saved only while
it still holds the row. A judge that dies stops beating; once its lease has
lapsed, the row can be claimed again (the cluster's sweep sends it again), and
the dead judge, if it was only slow, can no longer save. Any number of
processes on any number of hosts can follow these rules through one database.
"""

import contextlib
import datetime as dt
import logging
import os
import socket
import threading
import uuid

from sqlalchemy import and_, exists, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from server.models import Attempt, Submission, SubmissionStatus, ValidationStatus, utcnow

log = logging.getLogger(__name__)

LEASE_SECONDS = 60.0


def new_holder() -> str:
    """A name for one claim: the host and process (for people reading the row) and a nonce (unique)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _queued_state(model):
    return SubmissionStatus.QUEUED if model is Submission else ValidationStatus.QUEUED


def _running_state(model):
    return SubmissionStatus.RUNNING if model is Submission else ValidationStatus.RUNNING


def lapsed(model, now: dt.datetime, lease_seconds: float):
    """The condition of a running row whose holder has not beaten within the lease (or never did)."""
    stale_before = now - dt.timedelta(seconds=lease_seconds)
    return and_(model.status == _running_state(model),
                or_(model.heartbeat_at.is_(None), model.heartbeat_at < stale_before))


def claim(engine, model, row_id: int, holder: str, lease_seconds: float = LEASE_SECONDS) -> bool:
    """Take the row for ``holder`` if it is queued (or its holder's lease lapsed); True when taken.

    For a submission the attempt's row is locked first (PostgreSQL; SQLite writes one at a time anyway)
    and the claim fails while another job of the same attempt runs with a live lease.
    """
    now = utcnow()
    conditions = [model.id == row_id, or_(model.status == _queued_state(model),
                                          lapsed(model, now, lease_seconds))]
    with Session(engine) as session:
        if model is Submission:
            attempt_id = session.exec(select(Submission.attempt_id).where(Submission.id == row_id)).first()
            if attempt_id is None:
                return False
            session.exec(select(Attempt.id).where(Attempt.id == attempt_id).with_for_update())
            sibling = aliased(Submission)
            conditions.append(~exists().where(
                sibling.attempt_id == attempt_id, sibling.id != row_id,
                sibling.status == SubmissionStatus.RUNNING,
                sibling.heartbeat_at >= now - dt.timedelta(seconds=lease_seconds)))
        taken = session.exec(update(model).where(*conditions).values(
            status=_running_state(model), claimed_by=holder, heartbeat_at=now, started_at=now)).rowcount == 1
        session.commit()
    return taken


def holds(session: Session, model, row_id: int, holder: str):
    """The row, locked, if ``holder`` still holds it; else None (its result must not be saved)."""
    row = session.get(model, row_id, with_for_update=True)
    if row is None or row.claimed_by != holder or row.status != _running_state(model):
        return None
    return row


def release(engine, model, row_id: int, holder: str) -> bool:
    """Give a claimed row back to the queue (its job will run again, whole); True when it was still held."""
    with Session(engine) as session:
        released = session.exec(update(model).where(
            model.id == row_id, model.claimed_by == holder, model.status == _running_state(model)).values(
            status=_queued_state(model), claimed_by=None, heartbeat_at=None, started_at=None)).rowcount == 1
        session.commit()
    return released


@contextlib.contextmanager
def beating(engine, model, row_id: int, holder: str, lease_seconds: float = LEASE_SECONDS):
    """Keep the lease alive while the body runs: a beat every third of the lease, from a daemon thread."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(lease_seconds / 3):
            try:
                with Session(engine) as session:
                    session.exec(update(model).where(model.id == row_id, model.claimed_by == holder)
                                 .values(heartbeat_at=utcnow()))
                    session.commit()
            except Exception as error:  # the database may be away for a while: the next beat tries again
                log.warning("heartbeat of %s %s failed: %s", model.__name__, row_id, error)

    thread = threading.Thread(target=beat, name=f"lease-{row_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)  # a beat stuck on an unanswering database must not hold up the job's end


def next_in_attempt(session: Session, attempt_id: int) -> Submission | None:
    """The attempt's job to send when one of its jobs ends: its Submit before its Runs, then the oldest."""
    queued = session.exec(select(Submission).where(Submission.attempt_id == attempt_id,
                                                   Submission.status == SubmissionStatus.QUEUED)
                          .order_by(Submission.id)).all()
    return min(queued, key=lambda row: (row.kind != "submit", row.id), default=None)

