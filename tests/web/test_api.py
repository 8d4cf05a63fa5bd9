"""The integration API: token auth and scopes, JSON errors with stable codes, invites, results and reports."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from sqlalchemy import text

from server.db import get_db
from server.models import Attempt, Screen
from server.problems.bank import load
from server.services.api_tokens import create_token, revoke_token
from server.services.staff import add_screen
from tests.web.api_support import bearer, issue_token
from tests.web.conftest import login, wait_done
from tests.web.test_hidden_data import hidden_fingerprints

SOLUTION = load("cosine-similarity").solution
NOTES = ("## Approach\nOne pass over both vectors accumulates the dot product and the two squared norms, then "
         "divides.\n\n## Complexity\nTime O(n), space O(1).\n\n## Edge cases\nEmpty vectors and zero norms return "
         "0.0; different lengths raise ValueError.")


def error_of(response) -> dict:
    assert response.mimetype == "application/json", response.data[:200]
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    return body["error"]


def make_screens(app, count=1) -> list[int]:
    with app.app_context():
        return [add_screen(get_db(), f"Screen {i}", 45, ["cosine-similarity", "moving-average"]).id
                for i in range(count)]


def test_missing_wrong_and_revoked_tokens_get_401_with_their_code(app, client):
    response = client.get("/api/v1/screens")
    assert response.status_code == 401 and error_of(response)["code"] == "missing_token"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert error_of(client.get("/api/v1/screens", headers={"Authorization": "Basic YTpi"}))["code"] == "invalid_token"
    plaintext = issue_token(app)
    wrong = client.get("/api/v1/screens", headers=bearer(plaintext[:-1] + ("x" if plaintext[-1] != "x" else "y")))
    assert wrong.status_code == 401 and error_of(wrong)["code"] == "invalid_token"
    assert client.get("/api/v1/screens", headers=bearer(plaintext)).status_code == 200
    with app.app_context():
        token, _ = create_token(get_db(), "Revoked", ["screens:read"])
    with app.app_context():
        _, revoked_plaintext = create_token(get_db(), "Soon revoked", ["screens:read"])
        revoke_token(get_db(), token.id + 1)
    revoked = client.get("/api/v1/screens", headers=bearer(revoked_plaintext))
    assert revoked.status_code == 401 and "was revoked" in error_of(revoked)["message"]


def test_a_staff_session_alone_does_not_authenticate(client, staff):
    login(client, staff["admin"])
    assert client.get("/admin/").status_code == 200
    response = client.get("/api/v1/screens")
    assert response.status_code == 401 and error_of(response)["code"] == "missing_token"
    refused = client.post("/api/v1/invites", json={"screen_id": 1, "candidate_name": "A", "candidate_email": "a@b.co"})
    assert refused.status_code == 401


def test_scopes_are_enforced(app, client):
    [screen_id] = make_screens(app)
    reader = bearer(issue_token(app, "screens:read", name="reader"))
    results = bearer(issue_token(app, "results:read", name="results"))
    body = {"screen_id": screen_id, "candidate_name": "Ada", "candidate_email": "ada@example.com"}
    assert client.get(f"/api/v1/screens/{screen_id}", headers=reader).status_code == 200
    for method, path, headers in (("post", "/api/v1/invites", reader), ("get", "/api/v1/attempts/1", reader),
                                  ("get", f"/api/v1/screens/{screen_id}/results", reader),
                                  ("get", "/api/v1/screens", results), ("get", "/api/v1/invites/1", results),
                                  ("post", "/api/v1/invites", results)):
        response = getattr(client, method)(path, headers=headers, json=body)
        assert response.status_code == 403, (method, path)
        assert error_of(response)["code"] == "insufficient_scope"


def test_screens_list_pages_and_detail(app, client):
    ids = make_screens(app, 3)
    headers = bearer(issue_token(app, "screens:read"))
    first = client.get("/api/v1/screens?per_page=2", headers=headers).get_json()
    assert (first["page"], first["per_page"], first["total"]) == (1, 2, 3)
    assert [screen["id"] for screen in first["items"]] == ids[::-1][:2]
    second = client.get("/api/v1/screens?per_page=2&page=2", headers=headers).get_json()
    assert [screen["id"] for screen in second["items"]] == ids[:1]
    assert client.get("/api/v1/screens?page=9", headers=headers).get_json()["items"] == []
    screen = client.get(f"/api/v1/screens/{ids[0]}", headers=headers).get_json()
    assert screen["name"] == "Screen 0" and screen["minutes"] == 45
    assert screen["problems"] == [
        {"id": "cosine-similarity", "kind": "coding", "title": "Cosine similarity", "version": 1},
        {"id": "moving-average", "kind": "coding", "title": screen["problems"][1]["title"], "version": 1}]
    bad = client.get("/api/v1/screens?page=0&per_page=500", headers=headers)
    assert bad.status_code == 422 and error_of(bad)["code"] == "validation_failed"
    assert [d["field"] for d in error_of(bad)["details"]] == ["page", "per_page"]
    missing = client.get("/api/v1/screens/999", headers=headers)
    assert missing.status_code == 404 and error_of(missing)["code"] == "not_found"


def test_an_invite_made_through_the_api_opens_for_the_candidate(app, client, staff):
    [screen_id] = make_screens(app)
    headers = bearer(issue_token(app, "invites:write", name="Greenhouse"))
    created = client.post("/api/v1/invites", headers=headers, json={
        "screen_id": screen_id, "candidate_name": "  Grace Hopper ", "candidate_email": "grace@example.com",
        "expires_in_days": 2})
    assert created.status_code == 201, created.data
    invite = created.get_json()
    assert created.headers["Location"] == f"/api/v1/invites/{invite['id']}"
    assert invite["candidate"] == {"name": "Grace Hopper", "email": "grace@example.com"}
    assert invite["state"] == "invited" and invite["attempt_id"] >= 1 and invite["screen_id"] == screen_id
    expires = dt.datetime.fromisoformat(invite["expires_at"]) - dt.datetime.now(dt.UTC)
    assert dt.timedelta(days=1, hours=23) < expires <= dt.timedelta(days=2)
    assert invite["link"].startswith(app.config["PUBLIC_URL"] + "/invite/")
    candidate = app.test_client()
    landing = candidate.get(urlsplit(invite["link"]).path)
    assert landing.status_code == 200 and b"Hello Grace Hopper" in landing.data
    # Only the creation's answer carries the link: techscreen keeps a hash of the token, so it cannot give it again.
    assert client.get(f"/api/v1/invites/{invite['id']}", headers=headers).get_json() == \
        {key: value for key, value in invite.items() if key != "link"}
    assert candidate.post(urlsplit(invite["link"]).path + "/start").status_code == 302
    assert client.get(f"/api/v1/invites/{invite['id']}", headers=headers).get_json()["state"] == "in_progress"
    login(client, staff["reviewer"])
    assert "<td>API token Greenhouse</td>" in client.get("/admin/").data.decode()  # staff see who invited


def test_bad_invite_requests_say_what_is_wrong(app, client):
    [screen_id] = make_screens(app)
    headers = bearer(issue_token(app, "invites:write"))

    def post(**kwargs):
        return client.post("/api/v1/invites", headers=headers, **kwargs)

    broken = post(data="{broken", content_type="application/json")
    assert broken.status_code == 400 and error_of(broken)["code"] == "invalid_json"
    listed = post(json=[1, 2])
    assert listed.status_code == 400 and "not an array" in error_of(listed)["message"]
    form = post(data={"screen_id": "1"})
    assert form.status_code == 415 and error_of(form)["code"] == "unsupported_media_type"
    empty = post(json={})
    assert empty.status_code == 422 and error_of(empty)["code"] == "validation_failed"
    assert {d["field"]: d["message"] for d in error_of(empty)["details"]} == {
        "screen_id": "is required", "candidate_name": "is required", "candidate_email": "is required"}
    wrong = post(json={"screen_id": "1", "candidate_name": 5, "candidate_email": "not-an-email",
                       "expires_in_days": 0, "role": "admin"})
    details = {d["field"]: d["message"] for d in error_of(wrong)["details"]}
    assert details == {"role": details["role"], "screen_id": "must be an integer, not a string",
                       "candidate_name": "must be a string, not an integer",
                       "candidate_email": "'not-an-email' is not an email address",
                       "expires_in_days": "must be between 1 and 365"}
    assert details["role"].startswith("unknown field")
    unknown = post(json={"screen_id": screen_id + 1, "candidate_name": "A", "candidate_email": "a@example.com"})
    assert unknown.status_code == 422 and error_of(unknown)["details"] == [
        {"field": "screen_id", "message": f"no screen with id {screen_id + 1}"}]
    huge = post(data='{"candidate_name": "' + "x" * 600_000 + '"}', content_type="application/json")
    assert huge.status_code == 413 and error_of(huge)["code"] == "payload_too_large"
    with app.app_context():
        assert get_db().execute(text("select count(*) from invite")).scalar() == 0


def test_no_html_error_page_answers_under_the_api(app, client):
    headers = bearer(issue_token(app))
    for response, status, code in (
            (client.get("/api/v1/nowhere", headers=headers), 404, "not_found"),
            (client.get("/api/v1/screens/abc", headers=headers), 404, "not_found"),
            (client.get("/api/v1/attempts/99999999999999999999", headers=headers), 404, "not_found"),
            (client.get("/api/v1/attempts/9223372036854775807/report", headers=headers), 404, "not_found"),
            (client.delete("/api/v1/screens", headers=headers), 405, "method_not_allowed"),
            (client.get("/api/v1/invites", headers=headers), 405, "method_not_allowed")):
        assert response.status_code == status and error_of(response)["code"] == code
    assert "GET" in client.put("/api/v1/screens/1").headers["Allow"]
    assert client.get("/admin/nowhere").mimetype == "text/html"  # other pages keep their HTML errors


def test_an_internal_failure_is_a_json_500(app, client):
    headers = bearer(issue_token(app))
    with app.app_context():
        get_db().execute(text("ALTER TABLE screen RENAME TO gone"))  # not DROP: PostgreSQL refuses, invites refer to it
        get_db().commit()
    response = client.get("/api/v1/screens", headers=headers)
    assert response.status_code == 500 and error_of(response) == {
        "code": "internal_error", "details": [],
        "message": "Something went wrong on the server; the error is logged. Retry later."}


def test_the_api_needs_no_csrf_token_and_is_rate_limited_per_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=True, API_REQUESTS_PER_MINUTE=3)
    client = app.test_client()
    [screen_id] = make_screens(app)
    headers = bearer(issue_token(app))
    created = client.post("/api/v1/invites", headers=headers, json={
        "screen_id": screen_id, "candidate_name": "Ada", "candidate_email": "ada@example.com"})
    assert created.status_code == 201
    assert [client.get("/api/v1/screens", headers=headers).status_code for _ in range(3)] == [200, 200, 429]
    limited = client.get("/api/v1/screens", headers=headers)
    assert error_of(limited)["code"] == "rate_limited" and int(limited.headers["Retry-After"]) > 0
    other = bearer(issue_token(app, name="another system"))
    assert client.get("/api/v1/screens", headers=other).status_code == 200


def test_spelling_the_authorization_header_differently_does_not_reset_the_budget(make_app):
    app = make_app(RATELIMIT_ENABLED=True, API_REQUESTS_PER_MINUTE=3)
    client = app.test_client()
    plaintext = issue_token(app)
    spellings = [f"Bearer {plaintext}", f"bearer {plaintext}", f"BEARER   {plaintext} ", f" Bearer {plaintext}"]
    codes = [client.get("/api/v1/screens", headers={"Authorization": header}).status_code for header in spellings]
    assert codes == [200, 200, 200, 429]


def test_invalid_tokens_share_their_address_budget(make_app):
    app = make_app(RATELIMIT_ENABLED=True, API_REQUESTS_PER_MINUTE=3)
    client = app.test_client()
    guesses = [bearer(f"tsk_guess{i}xxxxxxxxxxxxxxxx") for i in range(3)] + [{"Authorization": "Basic YTpi"}]
    assert [client.get("/api/v1/screens", headers=h).status_code for h in guesses] == [401, 401, 401, 429]
    other_address = client.get("/api/v1/screens", headers=guesses[0], environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other_address.status_code == 401
    assert client.get("/api/v1/screens", headers=bearer(issue_token(app))).status_code == 200  # a valid token: its own


@pytest.mark.sqlite_only
def test_results_and_report_of_a_judged_attempt_carry_no_test_data_or_code(app, client):
    [screen_id] = make_screens(app)
    headers = bearer(issue_token(app))
    invite = client.post("/api/v1/invites", headers=headers, json={
        "screen_id": screen_id, "candidate_name": "Ada", "candidate_email": "ada@example.com"}).get_json()
    attempt_path = f"/api/v1/attempts/{invite['attempt_id']}"
    before = client.get(attempt_path, headers=headers).get_json()
    assert before["state"] == "invited" and before["score"] is None
    assert [p["final_submission"] for p in before["problems"]] == [None, None]

    token = urlsplit(invite["link"]).path.rsplit("/", 1)[1]
    candidate = app.test_client()
    candidate.post(f"/invite/{token}/start")
    version = client.get(f"/api/v1/screens/{screen_id}", headers=headers).get_json()
    with app.app_context():
        first_version = get_db().get(Screen, screen_id).problems[0]
    queued = candidate.post(f"/api/candidate/{token}/problems/{first_version}/submit",
                            json={"code": SOLUTION, "notes": NOTES}).get_json()
    judged = wait_done(candidate, token, queued["id"])
    assert judged["verdict"] == "accepted"

    result = client.get(attempt_path, headers=headers).get_json()
    assert result["state"] == "in_progress" and result["candidate"]["name"] == "Ada"
    final = result["problems"][0]["final_submission"]
    assert final["verdict"] == "accepted" and final["passed"] == final["total"] > 25
    assert result["problems"][1]["final_submission"] is None
    assert result["score"] == round(final["score"] / 2, 1)  # the unsubmitted problem counts 0
    assert result["problems"][0]["title"] == version["problems"][0]["title"]

    page = client.get(f"/api/v1/screens/{screen_id}/results", headers=headers).get_json()
    assert page["total"] == 1 and page["items"] == [result]

    report = client.get(attempt_path + "/report", headers=headers).get_json()
    submission = report["problems"][0]["final_submission"]
    assert {key: submission[key] for key in final} == final
    hidden = [t for t in submission["tests"] if t["visibility"] == "hidden"]
    assert sum(t["total"] for t in hidden) == final["total"] - sum(
        t["total"] for t in submission["tests"] if t["visibility"] == "public")
    assert all(t["passed"] == t["total"] for t in submission["tests"])
    scoring = submission["scoring"]
    assert set(scoring["components"]) == {"correctness", "efficiency", "communication", "code_quality"}
    assert len(scoring["reasons"]) == 4 and all(r["text"] for r in scoring["reasons"])
    assert submission["complexity"]["measured"] == "O(n)" and submission["complexity"]["target"] == "O(n)"
    assert submission["complexity"]["verdict"] == "meets" and "points" not in submission["complexity"]
    narration = submission["narration"]
    assert narration["claimed_time"] == "O(n)" and narration["claim"] == "honest"
    assert {item["id"] for item in narration["items"]} >= {"approach", "time-complexity", "edge-cases"}
    assert isinstance(submission["quality"]["findings"], int)

    text_of_all = "\n".join(client.get(path, headers=headers).get_data(as_text=True) for path in (
        attempt_path, attempt_path + "/report", f"/api/v1/screens/{screen_id}/results",
        f"/api/v1/invites/{invite['id']}", "/api/v1/screens"))
    leaked = [fragment for fragment in hidden_fingerprints("cosine-similarity") if fragment in text_of_all]
    assert leaked == []
    assert "def cosine_similarity" not in text_of_all and '"stdout"' not in text_of_all
    assert '"details"' not in text_of_all and '"actual"' not in text_of_all



def test_an_attempt_past_its_deadline_is_reported_finished(app, client):
    [screen_id] = make_screens(app)
    headers = bearer(issue_token(app))
    invite = client.post("/api/v1/invites", headers=headers, json={
        "screen_id": screen_id, "candidate_name": "Ada", "candidate_email": "ada@example.com"}).get_json()
    app.test_client().post(urlsplit(invite["link"]).path + "/start")
    with app.app_context():
        attempt = get_db().get(Attempt, invite["attempt_id"])
        attempt.deadline = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
        get_db().add(attempt)
        get_db().commit()
    [listed] = client.get(f"/api/v1/screens/{screen_id}/results", headers=headers).get_json()["items"]
    assert listed["state"] == "finished" and listed["finished_at"] is not None
    assert client.get(f"/api/v1/invites/{invite['id']}", headers=headers).get_json()["state"] == "finished"


def test_screen_results_are_paginated_newest_first(app, client):
    [screen_id] = make_screens(app)
    headers = bearer(issue_token(app))
    made = [client.post("/api/v1/invites", headers=headers, json={
        "screen_id": screen_id, "candidate_name": f"Candidate {i}", "candidate_email": f"c{i}@example.com"}
    ).get_json()["attempt_id"] for i in range(3)]
    pages = [client.get(f"/api/v1/screens/{screen_id}/results?per_page=2&page={page}", headers=headers).get_json()
             for page in (1, 2)]
    assert [page["total"] for page in pages] == [3, 3]
    assert [[item["attempt_id"] for item in page["items"]] for page in pages] == [made[::-1][:2], made[:1]]
    bad = client.get(f"/api/v1/screens/{screen_id}/results?per_page=abc", headers=headers)
    assert bad.status_code == 422 and error_of(bad)["details"][0]["field"] == "per_page"
    assert client.get("/api/v1/screens/999/results", headers=headers).status_code == 404
