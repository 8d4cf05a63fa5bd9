"""Greenhouse's Assessment Partner contract, played by a test against a running server: list the tests, send
one, poll its status before and after the candidate finishes, and receive the PATCH Greenhouse is owed."""

import base64
import re

import pytest
import requests
from sqlmodel import select

from server.db import get_db
from server.models import GREENHOUSE_SCOPE, Delivery, GreenhouseInterview, Invite, Screen
from server.services.screen_edits import set_archived
from server.services.staff import add_screen
from tests.web.api_support import issue_token
from tests.web.conftest import login
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
            with app.app_context():  # the key Greenhouse called with is kept only sealed, for the PATCH
                [kept] = get_db().exec(select(GreenhouseInterview.callback_authorization)).all()
            secret = auth["Authorization"].removeprefix("Basic ")
            assert kept and secret not in kept and base64.b64decode(secret).decode().rstrip(":") not in kept
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


@pytest.fixture
def greenhouse_key(app):
    return issue_token(app, GREENHOUSE_SCOPE, name="Greenhouse")


def test_requests_without_a_valid_key_are_refused_with_a_basic_challenge(client, app, greenhouse_key):
    missing = client.get(f"{GREENHOUSE}/list_tests")
    assert missing.status_code == 401 and missing.headers["WWW-Authenticate"].startswith("Basic ")
    assert "user name" in missing.get_json()["errors"][0]
    wrong = client.get(f"{GREENHOUSE}/list_tests", headers=basic("tsk_not-a-real-key"))
    assert wrong.status_code == 401 and "not accepted" in wrong.get_json()["errors"][0]
    garbled = client.get(f"{GREENHOUSE}/list_tests", headers={"Authorization": "Basic %%%"})
    assert garbled.status_code == 401 and "base64" in garbled.get_json()["errors"][0]
    bearer = client.get(f"{GREENHOUSE}/list_tests", headers={"Authorization": f"Bearer {greenhouse_key}"})
    assert bearer.status_code == 401
    api_only = issue_token(app, "screens:read", name="Workday")  # a key of the /api/v1 scopes only
    refused = client.get(f"{GREENHOUSE}/list_tests", headers=basic(api_only))
    assert refused.status_code == 403 and GREENHOUSE_SCOPE in refused.get_json()["errors"][0]
    assert client.get(f"{GREENHOUSE}/list_tests", headers=basic(greenhouse_key)).status_code == 200


def test_a_greenhouse_key_opens_nothing_in_the_integration_api(client, greenhouse_key):
    assert client.get("/api/v1/screens", headers={"Authorization": f"Bearer {greenhouse_key}"}).status_code == 403


def test_send_test_says_everything_wrong_with_a_request(client, app, greenhouse_key):
    auth = basic(greenhouse_key)
    screen_id = make_screen(app)
    not_json = client.post(f"{GREENHOUSE}/send_test", data="partner_test_id=1", headers=auth)
    assert not_json.status_code == 400 and "JSON object" in not_json.get_json()["errors"][0]
    empty = client.post(f"{GREENHOUSE}/send_test", json={}, headers=auth)
    assert empty.status_code == 400
    assert len(empty.get_json()["errors"]) == 3  # partner_test_id, candidate, url
    body = send_test_body(screen_id, "file:///etc/passwd", email="not an address", first_name=7)
    bad = client.post(f"{GREENHOUSE}/send_test", json=body, headers=auth)
    errors = bad.get_json()["errors"]
    assert bad.status_code == 400
    assert any("candidate.first_name must be a string" in error for error in errors)
    assert any("not an e-mail address" in error for error in errors)
    assert any(error.startswith("url is required") for error in errors)
    unknown = client.post(f"{GREENHOUSE}/send_test", json=send_test_body(99999, "https://example.com/x"),
                          headers=auth)
    assert unknown.status_code == 404 and "list_tests" in unknown.get_json()["errors"][0]


def test_an_archived_screen_is_no_test_to_list_or_send(client, app, greenhouse_key):
    auth = basic(greenhouse_key)
    kept, archived = make_screen(app, "Kept"), make_screen(app, "Archived")
    with app.app_context():
        set_archived(get_db(), get_db().get(Screen, archived), True)
    listed = client.get(f"{GREENHOUSE}/list_tests", headers=auth).get_json()
    assert listed == [{"partner_test_id": str(kept), "partner_test_name": "Kept"}]
    refused = client.post(f"{GREENHOUSE}/send_test", json=send_test_body(archived, "https://example.com/x"),
                          headers=auth)
    assert refused.status_code == 422
    assert refused.get_json() == {"errors": [f"screen {archived} is archived: it takes no new invites"]}
    with app.app_context():
        assert get_db().exec(select(Invite)).all() == []

def test_test_status_of_a_missing_or_unknown_test(client, greenhouse_key):
    auth = basic(greenhouse_key)
    missing = client.get(f"{GREENHOUSE}/test_status", headers=auth)
    assert missing.status_code == 400 and "partner_interview_id" in missing.get_json()["errors"][0]
    for unknown in ("424242", "abc", "9" * 40):
        answer = client.get(f"{GREENHOUSE}/test_status", query_string={"partner_interview_id": unknown}, headers=auth)
        assert answer.status_code == 404, unknown


def test_http_errors_keep_greenhouse_shape(client, greenhouse_key):
    wrong_method = client.get(f"{GREENHOUSE}/send_test", headers=basic(greenhouse_key))
    assert wrong_method.status_code == 405 and wrong_method.get_json()["errors"]


def test_response_error_is_accepted_and_logged(client, greenhouse_key, caplog):
    report = {"api_call": "test_status", "errors": ["partner_status is 'complete' but partner_profile_url is missing"],
              "partner_test_id": 12345, "partner_interview_id": 299506, "candidate_email": "hpotter@example.com"}
    answer = client.post(f"{GREENHOUSE}/response_error", json=report, headers=basic(greenhouse_key))
    assert answer.status_code == 200 and answer.get_json() == {"status": 200}
    assert "partner_profile_url is missing" in caplog.text and "test_status" in caplog.text
    malformed = client.post(f"{GREENHOUSE}/response_error", json={"errors": "x"}, headers=basic(greenhouse_key))
    assert malformed.status_code == 400


def test_greenhouse_needs_no_csrf_token_but_still_its_key(make_app):
    """Machine-to-machine: the browser forms' CSRF protection does not apply, Basic authentication does."""
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    key, screen_id = issue_token(app, GREENHOUSE_SCOPE), make_screen(app)
    body = send_test_body(screen_id, "https://app.greenhouse.io/x")
    assert client.post(f"{GREENHOUSE}/send_test", json=body).status_code == 401
    sent = client.post(f"{GREENHOUSE}/send_test", json=body, headers=basic(key))
    assert sent.status_code == 200, sent.get_data(as_text=True)


def test_without_mail_an_admin_issues_the_link(client, app, staff, greenhouse_key):
    screen_id = make_screen(app)
    sent = client.post(f"{GREENHOUSE}/send_test", json=send_test_body(screen_id, "https://app.greenhouse.io/x"),
                       headers=basic(greenhouse_key))
    interview_id = sent.get_json()["partner_interview_id"]
    login(client, staff["admin"])
    page = client.get("/admin/integrations/greenhouse").get_data(as_text=True)
    assert "Harry Potter" in page and "no mail server is configured" in page
    issued = client.post(f"/admin/integrations/greenhouse/{interview_id}/link")
    assert issued.headers["Cache-Control"] == "no-store"
    first = re.search(r'value="http[^"]+/invite/([^"]+)"', issued.get_data(as_text=True)).group(1)
    candidate = app.test_client()
    assert "ML engineer screen" in candidate.get(f"/invite/{first}").get_data(as_text=True)
    again = client.post(f"/admin/integrations/greenhouse/{interview_id}/link")
    second = re.search(r'value="http[^"]+/invite/([^"]+)"', again.get_data(as_text=True)).group(1)
    assert candidate.get(f"/invite/{first}").status_code == 404  # a new link replaces the one issued before
    assert candidate.get(f"/invite/{second}").status_code == 200


def test_a_mail_server_that_refuses_leaves_the_link_to_an_admin(make_app, staff):
    app = make_app(SMTP_URL="smtp://127.0.0.1:9?from=screens@example.com")  # nothing listens on port 9
    client = app.test_client()
    key, screen_id = issue_token(app, GREENHOUSE_SCOPE), make_screen(app)
    sent = client.post(f"{GREENHOUSE}/send_test", json=send_test_body(screen_id, "https://app.greenhouse.io/x"),
                       headers=basic(key))
    assert sent.status_code == 200  # the test exists; only the e-mail failed
    login(client, "admin@example.com")
    assert "the mail server did not take the message" in client.get("/admin/integrations/greenhouse").get_data(
        as_text=True)


def test_each_key_has_a_request_budget(make_app):
    app = make_app(RATELIMIT_ENABLED=True, API_REQUESTS_PER_MINUTE=2)
    client = app.test_client()
    key, other = issue_token(app, GREENHOUSE_SCOPE, name="one"), issue_token(app, GREENHOUSE_SCOPE, name="two")
    assert [client.get(f"{GREENHOUSE}/list_tests", headers=basic(key)).status_code for _ in range(2)] == [200, 200]
    refused = client.get(f"{GREENHOUSE}/list_tests", headers=basic(key))
    assert refused.status_code == 429 and refused.get_json()["errors"] and "Retry-After" in refused.headers
    assert client.get(f"{GREENHOUSE}/list_tests", headers=basic(other)).status_code == 200


def test_a_key_spelled_differently_or_a_wrong_key_gets_no_fresh_budget(make_app):
    app = make_app(RATELIMIT_ENABLED=True, API_REQUESTS_PER_MINUTE=2)
    client = app.test_client()
    key = issue_token(app, GREENHOUSE_SCOPE, name="one")
    respelled = [{"Authorization": "Basic " + base64.b64encode(f"{key}:{password}".encode()).decode()}
                 for password in ("", "a", "b")]
    assert [client.get(f"{GREENHOUSE}/list_tests", headers=headers).status_code for headers in respelled] == [
        200, 200, 429]
    guesses = [client.get(f"{GREENHOUSE}/list_tests", headers=basic(f"tsk_guess{n}")).status_code for n in range(3)]
    assert guesses == [401, 401, 429]  # wrong keys share their address's budget
