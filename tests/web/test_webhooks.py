"""Webhooks: admins register endpoints and events; the domain's events reach them signed, and a receiver
verifies them with the code docs/integrations.md gives."""

import datetime as dt
import hashlib
import hmac
import json
import re
import time

import pytest
from sqlmodel import select

from server.db import get_db
from server.models import RUBRIC, Attempt, User, utcnow
from server.review.scorecards import ScorecardInput, save_scorecard
from server.services import webhooks
from server.services.staff import add_screen
from tests.web.conftest import login, wait_done
from tests.web.live_servers import Receiver, serving

FAST_DELIVERIES = {"DELIVERY_POLL_SECONDS": 0.1, "DELIVERY_RETRY_FIRST_SECONDS": 0.2}
EVENTS = ["invite.created", "attempt.started", "attempt.finished", "submission.judged", "scorecard.submitted"]


def verify(secret: str, headers: dict, body: str, tolerance: float = 300) -> bool:
    """A receiver's check, as docs/integrations.md writes it."""
    timestamp = headers.get("X-Techscreen-Timestamp", "")
    expected = "sha256=" + hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) <= tolerance
    return fresh and hmac.compare_digest(expected, headers.get("X-Techscreen-Signature", ""))


def register(client, url: str, events=EVENTS):
    return client.post("/admin/integrations/webhooks", data={"url": url, "events": events})


def secret_of(page) -> str:
    return re.search(r'id="webhook-secret" readonly value="([^"]+)"', page.get_data(as_text=True)).group(1)


def test_the_events_of_a_screen_arrive_signed(make_app, staff):
    receiver = Receiver()
    with serving(receiver) as receiver_url:
        app = make_app(**FAST_DELIVERIES)
        client = app.test_client()
        login(client, staff["admin"])
        registered = register(client, f"{receiver_url}/hooks")
        assert registered.status_code == 200 and registered.headers["Cache-Control"] == "no-store"
        secret = secret_of(registered)
        with app.app_context():
            screen = add_screen(get_db(), "Screen", 30, ["cosine-similarity"])
        made = client.post("/admin/invites", data={"screen": screen.id, "name": "Ada", "email": "ada@example.com"})
        token = re.search(r'value="http[^"]+/invite/([^"]+)"', made.get_data(as_text=True)).group(1)
        candidate = app.test_client()
        candidate.post(f"/invite/{token}/start")
        candidate.post(f"/invite/{token}/finish")
        with app.app_context():
            attempt = get_db().exec(select(Attempt)).one()
            reviewer_id = get_db().exec(select(User.id).where(User.email == staff["reviewer"])).one()
            save_scorecard(get_db(), attempt.id, reviewer_id,
                           ScorecardInput({key: ("3", "") for key in RUBRIC}, "yes", "good"), submit=True)
        received = receiver.wait_for(4)
    assert [request.headers["X-Techscreen-Event"] for request in received] == [
        "invite.created", "attempt.started", "attempt.finished", "scorecard.submitted"]
    for request in received:
        assert request.method == "POST" and request.path == "/hooks"
        assert verify(secret, request.headers, request.body), request
        assert not verify(secret, request.headers, request.body.replace("}", " }", 1))  # a changed body fails
        assert not verify("whsec_another", request.headers, request.body)
        document = json.loads(request.body)
        assert document["event"] == request.headers["X-Techscreen-Event"]
        assert document["data"]["attempt_id"] == attempt.id
    assert json.loads(received[2].body)["data"]["by"] == "candidate"
    assert json.loads(received[3].body)["data"]["decision"] == "yes"


def test_send_test_event_and_the_delivery_log(make_app, staff):
    receiver = Receiver()
    with serving(receiver) as receiver_url:
        app = make_app(**FAST_DELIVERIES)
        client = app.test_client()
        login(client, staff["admin"])
        secret = secret_of(register(client, f"{receiver_url}/hooks", ["attempt.finished"]))
        endpoint_id = re.search(r"/admin/integrations/webhooks/(\d+)/test",
                                client.get("/admin/integrations/webhooks").get_data(as_text=True)).group(1)
        sent = client.post(f"/admin/integrations/webhooks/{endpoint_id}/test", follow_redirects=True)
        assert "Test event queued" in sent.get_data(as_text=True)
        [ping] = receiver.wait_for(1)
        assert ping.headers["X-Techscreen-Event"] == "ping" and verify(secret, ping.headers, ping.body)
        for _ in range(100):  # the log row is written just after the answer arrives
            log = client.get("/admin/integrations/deliveries").get_data(as_text=True)
            if "delivered" in log:
                break
            time.sleep(0.05)
        assert "ping" in log and "delivered" in log and f"{receiver_url}/hooks" in log


def test_only_http_endpoints_with_events_are_registered(client, staff):
    login(client, staff["admin"])
    for url in ("file:///etc/passwd", "javascript:alert(1)", "gopher://example.com/", "http://"):
        refused = register(client, url)
        assert refused.status_code == 422 and "not an http or https URL" in refused.get_data(as_text=True), url
    no_events = register(client, "https://example.com/hooks", [])
    assert no_events.status_code == 422 and "choose one or more events" in no_events.get_data(as_text=True)
    assert register(client, "https://example.com/hooks", ["nonsense"]).status_code == 422


def test_only_admins_manage_integrations(client, staff):
    login(client, staff["reviewer"])
    for page in ("/admin/integrations/webhooks", "/admin/integrations/deliveries", "/admin/integrations/greenhouse"):
        assert client.get(page).status_code == 403, page


def test_an_attempt_past_its_deadline_is_announced_without_anyone_asking(make_app, invite):
    """The candidate left without finishing: the deadline closes the attempt, and the event goes out."""
    receiver = Receiver()
    token, _ = invite
    with serving(receiver) as receiver_url:
        app = make_app(**FAST_DELIVERIES)
        with app.app_context():
            webhooks.add_endpoint(get_db(), receiver_url, ["attempt.finished"])
        app.test_client().post(f"/invite/{token}/start")
        with app.app_context():
            attempt = get_db().exec(select(Attempt)).one()
            attempt.deadline = utcnow() - dt.timedelta(seconds=1)
            get_db().add(attempt)
            get_db().commit()
        [finished] = receiver.wait_for(1)
    assert json.loads(finished.body)["data"]["by"] == "deadline"


@pytest.mark.sqlite_only
def test_a_judged_submit_is_announced_and_a_run_is_not(make_app, invite):
    receiver = Receiver()
    token, versions = invite
    with serving(receiver) as receiver_url:
        app = make_app(**FAST_DELIVERIES)
        with app.app_context():
            webhooks.add_endpoint(get_db(), receiver_url, ["submission.judged"])
        client = app.test_client()
        client.post(f"/invite/{token}/start")
        code = {"code": "def cosine_similarity(a, b):\n    return 1.0\n", "notes": ""}
        ran = client.post(f"/api/candidate/{token}/problems/{versions[0]}/run", json=code).get_json()
        wait_done(client, token, ran["id"])
        submitted = client.post(f"/api/candidate/{token}/problems/{versions[0]}/submit", json=code).get_json()
        view = wait_done(client, token, submitted["id"])
        [judged] = receiver.wait_for(1)
        time.sleep(0.5)
    assert len(receiver.requests) == 1
    data = json.loads(judged.body)["data"]
    assert data["submission_id"] == submitted["id"] and data["verdict"] == view["verdict"] == "wrong_answer"
