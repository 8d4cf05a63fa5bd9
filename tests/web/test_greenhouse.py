"""Greenhouse's Assessment Partner contract, played by a test against a running server: list the tests, send
one, poll its status before and after the candidate finishes, and receive the PATCH Greenhouse is owed."""

import base64
import re

import requests
from sqlmodel import select

from server.db import get_db
from server.models import GREENHOUSE_SCOPE, Delivery
from server.services.staff import add_screen
from tests.web.api_support import issue_token
from tests.web.live_servers import Receiver, serving, smtp_server

GREENHOUSE = "/integrations/greenhouse"
FAST_DELIVERIES = {"DELIVERY_POLL_SECONDS": 0.1, "DELIVERY_RETRY_FIRST_SECONDS": 0.2}


def basic(key: str) -> dict:
    """The header Greenhouse sends: the key as the user name, a colon, no password."""
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:".encode()).decode()}


def make_screen(app, name="ML engineer screen"):
    with app.app_context():
        return add_screen(get_db(), name, 30, ["cosine-similarity"]).id


def send_test_body(screen_id, callback_url, **candidate):
    return {"partner_test_id": str(screen_id), "url": callback_url,
            "candidate": {"first_name": "Harry", "last_name": "Potter", "email": "hpotter@example.com",
                          "phone_number": "123-456-7890", "resume_url": None,
                          "greenhouse_profile_url": "https://app.greenhouse.io/people/17681532", **candidate}}


def test_greenhouse_contract_against_a_running_server(make_app):
    """list_tests, send_test (the invite e-mailed by a real SMTP server), test_status while invited, in progress
    and complete, and the PATCH to Greenhouse's url carrying the key it called with."""
    greenhouse = Receiver()
    with smtp_server() as (smtp_url, mailbox), serving(greenhouse) as greenhouse_url:
        app = make_app(SMTP_URL=smtp_url, **FAST_DELIVERIES)
        with serving(app) as base:
            app.config["PUBLIC_URL"] = base
            key = issue_token(app, GREENHOUSE_SCOPE, name="Greenhouse")
            screen_id = make_screen(app)
            auth = basic(key)

            listed = requests.get(f"{base}{GREENHOUSE}/list_tests", headers=auth, timeout=10)
            assert listed.status_code == 200
            assert listed.json() == [{"partner_test_id": str(screen_id), "partner_test_name": "ML engineer screen"}]

            callback = f"{greenhouse_url}/integrations/testing_partners/take_home_tests/12345"
            sent = requests.post(f"{base}{GREENHOUSE}/send_test", json=send_test_body(screen_id, callback),
                                 headers=auth, timeout=10)
            assert sent.status_code == 200, sent.text
            assert list(sent.json()) == ["partner_interview_id"]
            interview_id = sent.json()["partner_interview_id"]
            assert isinstance(interview_id, str)

            def status():
                answer = requests.get(f"{base}{GREENHOUSE}/test_status", params={"partner_interview_id": interview_id},
                                      headers=auth, timeout=10)
                assert answer.status_code == 200, answer.text
                document = answer.json()
                assert set(document) == {"partner_status", "partner_profile_url", "partner_score", "metadata"}
                assert all(value is None or isinstance(value, str | int | float | bool)
                           for value in document["metadata"].values()), document["metadata"]
                return document

            assert status()["partner_status"] == "sent"

            [message] = mailbox.messages
            assert message["To"] == "hpotter@example.com" and message["From"] == "screens@example.com"
            link = re.search(r"(http://\S+/invite/\S+)", message.get_payload()).group(1)
            token = link.rsplit("/", 1)[1]
            assert requests.get(link, timeout=10).status_code == 200
            assert requests.post(f"{base}/invite/{token}/start", timeout=10).status_code == 200
            assert status()["partner_status"] == "in_progress"
            assert greenhouse.requests == []  # nothing is owed to Greenhouse before the candidate finishes

            assert requests.post(f"{base}/invite/{token}/finish", timeout=10).status_code == 200
            [patch] = greenhouse.wait_for(1)
            assert (patch.method, patch.path) == ("PATCH", "/integrations/testing_partners/take_home_tests/12345")
            assert patch.headers["Authorization"] == auth["Authorization"]

            done = status()
            assert done["partner_status"] == "complete"
            assert re.fullmatch(rf"{base}/review/attempts/\d+/report", done["partner_profile_url"])
            assert done["metadata"]["Completed At"] is not None and done["metadata"]["Started At"] is not None
    with app.app_context():
        [delivery] = get_db().exec(select(Delivery).where(Delivery.kind == "greenhouse_patch")).all()
        assert delivery.delivered_at is not None and delivery.attempts == 1
        assert delivery.headers == {}  # the key Greenhouse called with is not kept once the PATCH is delivered
