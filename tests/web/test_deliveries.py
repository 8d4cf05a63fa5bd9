"""Outgoing deliveries are retried with back-off, recorded, given up after their tries, survive a restart
and go out once however many processes send them."""

import threading
import time

from sqlmodel import select

from server.app import close_app
from server.cluster.sweep import Sweeper
from server.db import get_db
from server.models import Delivery
from server.services import webhooks
from server.services.delivery_dispatcher import deliver_due
from tests.web.conftest import login
from tests.web.live_servers import Receiver, serving

IDLE_DISPATCHER = {"DELIVERY_POLL_SECONDS": 3600}  # runs once at start, then only when a test calls it


def ping_endpoint(app, url: str, pings: int = 1) -> list[int]:
    """An endpoint at ``url`` and ``pings`` test events queued to it; returns the deliveries' ids."""
    with app.app_context():
        endpoint = webhooks.add_endpoint(get_db(), url, ["attempt.finished"])
        return [webhooks.send_test_event(get_db(), endpoint.id).id for _ in range(pings)]


def delivery(app, delivery_id: int) -> Delivery:
    with app.app_context():
        return get_db().get(Delivery, delivery_id)


def wait_settled(app, delivery_id: int, timeout: float = 20) -> Delivery:
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        found = delivery(app, delivery_id)
        if found.next_attempt_at is None:
            return found
        time.sleep(0.05)
    raise AssertionError(f"delivery {delivery_id} not settled within {timeout} s: {found}")


def test_a_failing_receiver_is_retried_with_back_off_until_it_answers(make_app):
    receiver = Receiver(statuses=(500, 503))
    with serving(receiver) as url:
        app = make_app(DELIVERY_POLL_SECONDS=0.05, DELIVERY_RETRY_FIRST_SECONDS=0.3)
        [delivery_id] = ping_endpoint(app, url)
        settled = wait_settled(app, delivery_id)
    first, second, third = receiver.wait_for(3)
    assert second.at - first.at >= 0.3 and third.at - second.at >= 0.6  # 0.3 s, then twice that
    assert first.body == second.body == third.body  # the same event each time
    assert first.headers["X-Techscreen-Delivery"] == str(delivery_id)
    assert settled.attempts == 3 and settled.delivered_at is not None and settled.last_status == 200
    assert settled.last_error is None and settled.given_up_at is None


def test_a_delivery_is_given_up_after_its_tries_with_the_last_error_recorded(make_app):
    receiver = Receiver(statuses=(500,) * 10)
    with serving(receiver) as url:
        app = make_app(DELIVERY_POLL_SECONDS=0.05, DELIVERY_RETRY_FIRST_SECONDS=0.05, DELIVERY_MAX_ATTEMPTS=3)
        [delivery_id] = ping_endpoint(app, url)
        settled = wait_settled(app, delivery_id)
        time.sleep(0.3)
    assert len(receiver.requests) == 3
    assert settled.given_up_at is not None and settled.delivered_at is None
    assert settled.attempts == 3 and settled.last_status == 500 and settled.last_error == "HTTP 500: not now"


def test_a_receiver_that_is_down_gets_the_delivery_after_a_restart(make_app):
    """The queue is the table: what a stopped process had not delivered, the next one delivers."""
    receiver = Receiver()
    first = make_app(**IDLE_DISPATCHER)
    with serving(receiver) as url:
        pass  # the receiver's address, now closed: connections are refused
    [delivery_id] = ping_endpoint(first, url)
    deliver_due(first.extensions["techscreen.engine"], first.config)
    failed = delivery(first, delivery_id)
    assert failed.attempts == 1 and failed.last_status is None and "Connection" in failed.last_error
    close_app(first)
    with serving(receiver) as url_again:
        with first.app_context():  # the same receiver again, on a new port
            row = get_db().get(Delivery, delivery_id)
            row.url, row.next_attempt_at = url_again, failed.created_at
            get_db().add(row)
            get_db().commit()
        second = make_app(DELIVERY_POLL_SECONDS=0.05)
        settled = wait_settled(second, delivery_id)
    assert settled.attempts == 2 and settled.delivered_at is not None
    assert len(receiver.requests) == 1


def test_senders_in_several_processes_send_each_delivery_once(make_app):
    receiver = Receiver()
    with serving(receiver) as url:
        app = make_app(**IDLE_DISPATCHER)
        ids = ping_endpoint(app, url, pings=30)
        senders = [threading.Thread(target=deliver_due, args=(app.extensions["techscreen.engine"], app.config))
                   for _ in range(4)]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join()
    assert sorted(int(request.headers["X-Techscreen-Delivery"]) for request in receiver.requests) == sorted(ids)
    with app.app_context():
        assert all(row.attempts == 1 and row.delivered_at for row in get_db().exec(select(Delivery)))


def test_a_cluster_worker_sends_deliveries_from_its_sweep(make_app):
    """In a cluster the web processes run no dispatcher; each worker's sweep sends what is due."""
    receiver = Receiver()
    with serving(receiver) as url:
        app = make_app(**IDLE_DISPATCHER)
        [delivery_id] = ping_endpoint(app, url)
        sweeper = Sweeper(app.extensions["techscreen.engine"], 0.05, 60, 300, app.config)
        sweeper.start()
        try:
            settled = wait_settled(app, delivery_id)
        finally:
            sweeper.stop()
    assert settled.delivered_at is not None and len(receiver.requests) == 1


def test_a_removed_endpoint_gets_nothing_more(make_app, staff):
    app = make_app(**IDLE_DISPATCHER)
    [delivery_id] = ping_endpoint(app, "http://127.0.0.1:9/hooks")
    client = app.test_client()
    login(client, staff["admin"])
    endpoint_id = delivery(app, delivery_id).endpoint_id
    removed = client.post(f"/admin/integrations/webhooks/{endpoint_id}/remove", follow_redirects=True)
    assert "receives no more events" in removed.get_data(as_text=True)
    given_up = delivery(app, delivery_id)
    assert given_up.next_attempt_at is None and given_up.last_error == "endpoint removed"
    with app.app_context():
        assert webhooks.queue_event(get_db(), "attempt.finished", {}) == []
    refused = client.post(f"/admin/integrations/webhooks/{endpoint_id}/test", follow_redirects=True)
    assert f"no webhook endpoint with id {endpoint_id}" in refused.get_data(as_text=True)
