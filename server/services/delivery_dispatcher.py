"""Sends the outbox's due deliveries from a daemon thread in the web process (the embedded mode).

Each pass first closes the attempts whose deadline passed while nobody asked about them, so that their
``attempt.finished`` event and Greenhouse's PATCH go out without waiting for someone to open a page.

A cluster's workers send them from their sweep instead (``server.cluster.sweep``). ``wake`` lets a page
that queued a delivery (an admin's test event) have it sent now rather than at the next poll.
"""

import logging
import threading

from sqlmodel import Session

from server import sealed
from server.services import outbox
from server.services.attempts import close_due
from server.services.webhooks import signing_headers

log = logging.getLogger(__name__)


def deliver_due(engine, settings: dict) -> int:
    """Close overdue attempts, then ``outbox.deliver_due`` with the app's settings and webhook signing."""
    with Session(engine, expire_on_commit=False) as session:
        close_due(session)

    def headers_for(delivery):
        with Session(engine) as session:
            return {**_unsealed(delivery, settings["SECRET_KEY"]), **signing_headers(session, delivery)}

    return outbox.deliver_due(engine, settings["DELIVERY_RETRY_FIRST_SECONDS"], settings["DELIVERY_MAX_ATTEMPTS"],
                              settings["DELIVERY_TIMEOUT_SECONDS"], headers_for)


class DeliveryDispatcher:
    def __init__(self, engine, settings: dict):
        self._engine, self._settings = engine, settings
        self._interval = settings["DELIVERY_POLL_SECONDS"]
        self._stop, self._wake = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._run, name="deliveries", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def shutdown(self) -> None:
        """Stop polling; waits for a pass under way (a delivery's try is bounded by its timeout), so nothing
        of this dispatcher uses the database once the app closes it."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=self._settings["DELIVERY_TIMEOUT_SECONDS"] + 5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                deliver_due(self._engine, self._settings)
            except Exception as error:  # the database is away: the next poll tries again
                log.warning("sending deliveries failed: %s", error)
            self._wake.wait(self._interval)
            self._wake.clear()


def _unsealed(delivery, secret_key: str) -> dict:
    """The delivery's stored headers, sealed at rest (a Greenhouse PATCH's Authorization), opened for sending;
    one that cannot be opened is left out, so the receiver refuses the delivery and the log says why."""
    opened = {}
    for name, value in delivery.headers.items():
        try:
            opened[name] = sealed.unseal(secret_key, value)
        except sealed.SealBroken as error:
            log.warning("delivery %s: header %s not sent: %s", delivery.id, name, error)
    return opened
