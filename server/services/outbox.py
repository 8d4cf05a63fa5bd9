"""The outgoing deliveries' queue (``Delivery`` rows): what is due is sent, failures retried with back-off.

Rows are added in the transaction that records what they tell of, so nothing is announced that did not
happen and nothing that happened is lost to a crash. ``deliver_due`` takes each due row by moving its
``next_attempt_at`` past a lease first (one conditional UPDATE), so several processes (web processes, a
cluster's workers) can run it at once and send each delivery once; a process that dies mid-send leaves
the row to be taken again when the lease ends.
"""

import datetime as dt
import logging

from sqlalchemy import update
from sqlmodel import Session, select

from server.models import Delivery, utcnow
from server.services import outgoing_http

log = logging.getLogger(__name__)

RETRY_FIRST_SECONDS = 30.0
RETRY_MAX_SECONDS = 3600.0
BATCH = 20


def retry_delay(attempts: int, first: float = RETRY_FIRST_SECONDS, cap: float = RETRY_MAX_SECONDS) -> float:
    """Seconds to wait after ``attempts`` failed tries: first, 2 first, 4 first, ..., at most ``cap``."""
    return min(cap, first * 2 ** min(max(attempts, 1) - 1, 30))


def deliver_due(engine, retry_first: float, max_attempts: int, timeout: float, headers_for) -> int:
    """Send every delivery due now (in batches); returns how many were tried.

    ``headers_for(delivery) -> headers`` gives the headers to send besides the defaults, made at sending time
    (a webhook's timestamp and signature, headers stored sealed).
    """
    tried, more = 0, True
    while more:
        batch, more = _take_due(engine, timeout)
        for delivery in batch:
            _send(engine, delivery, retry_first, max_attempts, timeout, headers_for)
        tried += len(batch)
    return tried


def _take_due(engine, timeout: float) -> tuple[list[Delivery], bool]:
    """The due deliveries this process claimed (others may claim some of the same), and whether more may be
    due (the selection was a full batch)."""
    now = utcnow()
    lease_ends = now + dt.timedelta(seconds=timeout + 30)
    taken = []
    with Session(engine, expire_on_commit=False) as session:
        due = session.exec(select(Delivery).where(Delivery.next_attempt_at <= now)
                           .order_by(Delivery.next_attempt_at, Delivery.id).limit(BATCH)).all()
        for delivery in due:
            claimed = session.exec(update(Delivery).where(Delivery.id == delivery.id,
                                                          Delivery.next_attempt_at == delivery.next_attempt_at)
                                   .values(next_attempt_at=lease_ends)).rowcount
            session.commit()
            if claimed:
                taken.append(delivery)
    return taken, len(due) == BATCH


def _send(engine, delivery: Delivery, retry_first: float, max_attempts: int, timeout: float,
          headers_for) -> None:
    headers = {"Content-Type": "application/json", "User-Agent": "techscreen",
               **headers_for(delivery)}
    answer = outgoing_http.send(delivery.method, delivery.url, delivery.body, headers, timeout)
    with Session(engine) as session:
        row = session.get(Delivery, delivery.id)
        row.attempts += 1
        row.last_status, row.last_error = answer.status, answer.error
        now = utcnow()
        if answer.error is None:
            row.delivered_at, row.next_attempt_at, row.headers = now, None, {}
        elif row.attempts >= max_attempts:
            row.given_up_at, row.next_attempt_at, row.headers = now, None, {}
            log.warning("delivery %s (%s to %s) given up after %d tries: %s", row.id, row.event, row.url,
                        row.attempts, answer.error)
        else:
            row.next_attempt_at = now + dt.timedelta(seconds=retry_delay(row.attempts, retry_first))
            log.info("delivery %s (%s to %s) failed (try %d), again at %s: %s", row.id, row.event, row.url,
                     row.attempts, row.next_attempt_at, answer.error)
        session.add(row)
        session.commit()


def recent(session: Session, limit: int = 200) -> list[Delivery]:
    """The newest deliveries first, for the delivery log."""
    return list(session.exec(select(Delivery).order_by(Delivery.id.desc()).limit(limit)))
