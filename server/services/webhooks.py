"""Webhook endpoints (registered by admins) and how each delivery to them is signed.

A receiver checks ``X-Techscreen-Signature: sha256=<hex>``, the HMAC-SHA256 of
``<X-Techscreen-Timestamp>.<body>`` under the endpoint's secret, and refuses a
timestamp too far from its clock (a replay). docs/integrations.md has a
receiver's code.
"""

import hashlib
import hmac
import json
import secrets
import time

from sqlmodel import Session, select

from server.errors import TechscreenError
from server.models import WEBHOOK_EVENTS, Delivery, WebhookEndpoint, utcnow
from server.services.outgoing_http import RefusedUrl, check_url

SECRET_PREFIX = "whsec_"
TIMESTAMP_HEADER = "X-Techscreen-Timestamp"
SIGNATURE_HEADER = "X-Techscreen-Signature"
EVENT_HEADER = "X-Techscreen-Event"
DELIVERY_HEADER = "X-Techscreen-Delivery"
TEST_EVENT = "ping"


class WebhookError(TechscreenError):
    """Bad input for an endpoint (URL, events) or an unknown endpoint; the message says which."""


def signature(secret: str, timestamp: str, body: str) -> str:
    """The signature header's value for ``body`` sent at ``timestamp`` (Unix seconds, as text)."""
    digest = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signing_headers(session: Session, delivery: Delivery) -> dict:
    """The headers that sign a webhook delivery now; none for other deliveries."""
    if delivery.kind != "webhook":
        return {}
    endpoint = session.get(WebhookEndpoint, delivery.endpoint_id)
    timestamp = str(int(time.time()))
    return {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signature(endpoint.secret, timestamp, delivery.body),
            EVENT_HEADER: delivery.event, DELIVERY_HEADER: str(delivery.id)}


def add_endpoint(session: Session, url: str, events: list[str], created_by: int | None = None) -> WebhookEndpoint:
    """A new endpoint with a new secret.

    Raises:
        WebhookError: The URL is not http(s), or no event or an unknown one was chosen.
    """
    try:
        url = check_url(url)
    except RefusedUrl as error:
        raise WebhookError(f"the endpoint's URL: {error}") from None
    unknown = [event for event in events if event not in WEBHOOK_EVENTS]
    if unknown or not events:
        raise WebhookError(f"choose one or more events from {', '.join(WEBHOOK_EVENTS)}"
                           + (f" (unknown: {', '.join(unknown)})" if unknown else ""))
    endpoint = WebhookEndpoint(url=url, secret=SECRET_PREFIX + secrets.token_urlsafe(32),
                               events=[event for event in WEBHOOK_EVENTS if event in events], created_by=created_by)
    session.add(endpoint)
    session.commit()
    return endpoint


def active_endpoints(session: Session) -> list[WebhookEndpoint]:
    return list(session.exec(select(WebhookEndpoint).where(WebhookEndpoint.removed_at.is_(None))
                             .order_by(WebhookEndpoint.id)))


def endpoint(session: Session, endpoint_id: int) -> WebhookEndpoint:
    """Raises WebhookError for an unknown or removed endpoint."""
    found = session.get(WebhookEndpoint, endpoint_id)
    if found is None or found.removed_at is not None:
        raise WebhookError(f"no webhook endpoint with id {endpoint_id}")
    return found


def remove_endpoint(session: Session, endpoint_id: int) -> WebhookEndpoint:
    """No more events go to it; deliveries still queued for it are given up; its log stays."""
    found = endpoint(session, endpoint_id)
    found.removed_at = utcnow()
    session.add(found)
    for queued in session.exec(select(Delivery).where(Delivery.endpoint_id == endpoint_id,
                                                      Delivery.next_attempt_at.is_not(None))):
        queued.next_attempt_at, queued.given_up_at, queued.last_error = None, found.removed_at, "endpoint removed"
        session.add(queued)
    session.commit()
    return found


def queue_event(session: Session, event: str, data: dict, only: WebhookEndpoint | None = None) -> list[Delivery]:
    """A delivery of ``event`` to each active endpoint subscribed to it (or to ``only``), added to the session:
    the caller's commit records them with what happened."""
    targets = [only] if only is not None else [found for found in active_endpoints(session) if event in found.events]
    created_at = utcnow().isoformat()
    deliveries = []
    for target in targets:
        body = json.dumps({"event": event, "created_at": created_at, "data": data}, sort_keys=True)
        delivery = Delivery(kind="webhook", event=event, endpoint_id=target.id, url=target.url, body=body)
        session.add(delivery)
        deliveries.append(delivery)
    return deliveries


def send_test_event(session: Session, endpoint_id: int) -> Delivery:
    """Queue a ``ping`` to one endpoint, whatever it subscribes to, so an admin can check the receiver."""
    target = endpoint(session, endpoint_id)
    [delivery] = queue_event(session, TEST_EVENT, {"endpoint_id": target.id, "message": "a test event from techscreen"},
                             only=target)
    session.commit()
    return delivery
