"""The candidate flow through the real judge: invite, start, draft, lint, run, submit, deadline."""

import datetime as dt

import pytest
from sqlmodel import select

from server.db import get_db
from server.models import Attempt, Event, Invite, Submission
from server.problems.bank import load
from server.services.attempts import create_invite
from server.services.judging import code_hash
from server.services.staff import add_screen
from server.views import candidate_api
from tests.web.conftest import wait_done

SOLUTION = load("cosine-similarity").solution
NOTES = "## Approach\nOne pass accumulates the dot product and both squared norms.\n\nTime O(n), space O(1)."


def api(token, path):
    return f"/api/candidate/{token}{path}"


def started(client, invite):
    token, versions = invite
    assert client.post(f"/invite/{token}/start").status_code == 302
    return token, versions


def test_unknown_and_expired_invites_get_clear_pages(app, client, invite):
    assert b"Unknown invite" in client.get("/invite/not-a-real-token").data
    with app.app_context():
        found = get_db().exec(select(Invite)).one()
        found.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        get_db().add(found)
        get_db().commit()
    response = client.get(f"/invite/{invite[0]}")
    assert response.status_code == 410 and b"This invite has expired" in response.data


def test_landing_start_and_the_workspace(client, invite):
    token, _ = invite
    landing = client.get(f"/invite/{token}")
    assert b"2 problems" in landing.data and b"30 minutes" in landing.data
    token, versions = started(client, invite)
    page = client.get(f"/invite/{token}/problem/0")
    assert page.status_code == 200 and b"Cosine similarity" in page.data and b"editor.bundle.js" in page.data
    assert b"def cosine_similarity" in page.data  # the starter code
    assert b"<h2>Allowed imports</h2>" in page.data and b"<code>math</code>" in page.data  # from problem.toml
    assert b"<code>numpy</code></p>" in page.data and b"__future__" not in page.data
    assert client.get(f"/invite/{token}/problem/5").status_code == 404


def test_a_draft_survives_a_reload(client, invite):
    token, versions = started(client, invite)
    saved = client.post(api(token, f"/problems/{versions[0]}/draft"), json={"code": "x = 'draft 42'", "notes": "n"})
    assert saved.status_code == 200 and 0 < saved.get_json()["seconds_left"] <= 1800
    assert b"draft 42" in client.get(f"/invite/{token}/problem/0").data


def test_lint_reports_policy_violations_with_lines(client, invite):
    token, versions = started(client, invite)
    found = client.post(api(token, f"/problems/{versions[0]}/lint"), json={"code": "x = 1\nimport os\n"}).get_json()
    assert [v["line"] for v in found["violations"]] == [2] and "os" in found["violations"][0]["message"]


@pytest.mark.sqlite_only
def test_run_shows_public_inputs_expected_and_actual(client, invite):
    token, versions = started(client, invite)
    queued = client.post(api(token, f"/problems/{versions[0]}/run"), json={"code": SOLUTION, "notes": ""})
    assert queued.status_code == 202
    view = wait_done(client, token, queued.get_json()["id"])
    assert view["verdict"] == "accepted" and view["hidden"]["total"] == 0
    first = view["tests"][0]
    assert {"input", "actual", "name"} <= set(first) and "expected" in first["input"] or "raises" in first["input"]
    mismatch = next(test for test in view["tests"] if test["name"] == "example_length_mismatch")
    assert mismatch["input"]["raises"] == "ValueError" and mismatch["actual"] is None
    assert mismatch["raised"] == {"type": "ValueError", "message": "length mismatch: 2 != 1"}  # what was raised


def test_submit_judges_and_is_not_judged_twice(client, invite):
    token, versions = started(client, invite)
    body = {"code": SOLUTION, "notes": NOTES}
    queued = client.post(api(token, f"/problems/{versions[0]}/submit"), json=body).get_json()
    view = wait_done(client, token, queued["id"])
    assert view["verdict"] == "accepted" and view["hidden"]["passed"] == view["hidden"]["total"] > 25
    groups = view["hidden"]["groups"]
    assert set(groups) == {"correctness", "performance"} and sum(g["total"] for g in groups.values()) == \
        view["hidden"]["total"]
    assert {test["visibility"] for test in view["tests"]} == {"public"}
    assert "score" not in view and "complexity" not in view  # the fixture's screen shows verdict and counts only
    again = client.post(api(token, f"/problems/{versions[0]}/submit"), json=body)
    assert again.status_code == 200 and again.get_json() == {"id": queued["id"], "repeated": True}



def test_the_code_hash_keeps_its_parts_apart():
    """Version 1 with code "0x" once hashed as version 10 with code "x"."""
    assert code_hash("run", 1, "0x", "") != code_hash("run", 10, "x", "")
    assert code_hash("run", 1, "x", "") != code_hash("run on own input", 1, "x", "")
    assert code_hash("submit", 1, "x", "y") == code_hash("submit", 1, "x", "y")


def test_the_same_code_run_on_another_problem_is_judged_on_that_problem(client, invite, monkeypatch):
    """Whatever the hash, a repeat is looked for on the request's problem only."""
    monkeypatch.setattr(candidate_api, "code_hash", lambda kind, version_id, code, notes: "one hash for all")
    token, versions = started(client, invite)
    runs = [client.post(api(token, f"/problems/{version}/run"), json={"code": "import os\n", "notes": ""})
            for version in versions]  # a policy violation: judged without Docker
    assert [run.status_code for run in runs] == [202, 202]
    assert runs[0].get_json()["id"] != runs[1].get_json()["id"]

@pytest.mark.sqlite_only
def test_wrong_code_gets_its_verdict(client, invite):
    token, versions = started(client, invite)
    queued = client.post(api(token, f"/problems/{versions[0]}/submit"),
                         json={"code": "def cosine_similarity(a, b):\n    return 1.0\n", "notes": ""}).get_json()
    view = wait_done(client, token, queued["id"])
    assert view["verdict"] == "wrong_answer" and view["hidden"]["passed"] < view["hidden"]["total"]


def test_bad_requests_say_what_is_wrong(client, invite):
    token, versions = started(client, invite)
    url = api(token, f"/problems/{versions[0]}/submit")
    broken = client.post(url, data="{broken", content_type="application/json").get_json()["message"]
    assert "not valid JSON" in broken and "line 1, column 2" in broken
    assert "must be a string" in client.post(url, json={"code": 5}).get_json()["message"]
    oversize = client.post(url, json={"code": "x" * 70_000, "notes": ""})
    assert oversize.status_code == 400 and "KiB" in oversize.get_json()["message"]
    assert client.post(api(token, "/problems/999999/run"), json={"code": ""}).status_code == 404


def test_after_the_deadline_the_attempt_is_read_only(app, client, invite):
    token, versions = started(client, invite)
    with app.app_context():
        attempt = get_db().exec(select(Attempt)).one()
        attempt.deadline = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        get_db().add(attempt)
        get_db().commit()
    late = client.post(api(token, f"/problems/{versions[0]}/submit"), json={"code": SOLUTION, "notes": ""})
    assert late.status_code == 409 and "Time is up" in late.get_json()["message"]
    assert client.post(api(token, f"/problems/{versions[0]}/draft"), json={"code": "", "notes": ""}).status_code == 409
    page = client.get(f"/invite/{token}/problem/0")
    assert b"read-only" in page.data and b'data-read-only="true"' in page.data
    with app.app_context():
        assert get_db().exec(select(Submission)).all() == []


def test_finish_closes_the_attempt(client, invite):
    token, versions = started(client, invite)
    assert client.post(f"/invite/{token}/finish").location.endswith("/finished")
    assert b"Screen finished" in client.get(f"/invite/{token}/finished").data
    refused = client.post(api(token, f"/problems/{versions[0]}/run"), json={"code": SOLUTION})
    assert refused.status_code == 409


def test_a_candidate_cannot_reach_another_attempt(app, client, invite):
    token, versions = started(client, invite)
    queued = client.post(api(token, f"/problems/{versions[0]}/run"), json={"code": SOLUTION, "notes": ""}).get_json()
    with app.app_context():
        screen = add_screen(get_db(), "Other", 30, ["log-anomalies"])
        _, other = create_invite(get_db(), screen, "Eve", "eve@example.com", 3)
    client.post(f"/invite/{other}/start")
    assert client.get(api(other, f"/submissions/{queued['id']}")).status_code == 404
    assert client.post(api(other, f"/problems/{versions[0]}/draft"), json={"code": ""}).status_code == 404


def test_paste_focus_and_page_events_are_recorded(app, client, invite):
    token, versions = started(client, invite)
    assert client.post(api(token, "/events"), json={"kind": "paste", "problem": versions[0], "chars": 120,
                                                    "lines": 4}).status_code == 201
    assert client.post(api(token, "/events"), json={"kind": "focus_lost"}).status_code == 201
    assert client.post(api(token, "/events"), json={"kind": "started"}).status_code == 400
    for body in ({"kind": "page_opened", "page": "3f2a9c01d4e5b6a7", "focused": True},
                 {"kind": "page_left", "page": "3f2a9c01d4e5b6a7", "focused": "yes"},
                 {"kind": "page_left", "page": "<script>" * 10, "extra": 1}):
        assert client.post(api(token, "/events"), json={**body, "problem": versions[0]}).status_code == 201
    with app.app_context():
        kept = [(e.kind, e.detail) for e in get_db().exec(select(Event).where(Event.kind.like("page_%"))
                                                          .order_by(Event.id))]
    assert kept == [("page_opened", {"page": "3f2a9c01d4e5b6a7", "focused": True}),
                    ("page_left", {"page": "3f2a9c01d4e5b6a7"}), ("page_left", {})]  # only well-formed details


@pytest.mark.sqlite_only
def test_a_lasting_judge_fault_ends_in_a_clear_error_and_a_resubmit_works(client, invite, monkeypatch):
    """A fault that waiting cannot cure (here the sandbox image is missing) ends the submission in an error;
    an engine that is only away delays it instead (tests/web/test_engine_outage.py)."""
    token, versions = started(client, invite)
    with monkeypatch.context() as broken:
        broken.setattr("sandbox.image.image_tag", lambda name="base": "techscreen-sandbox:does-not-exist")
        queued = client.post(api(token, f"/problems/{versions[0]}/run"), json={"code": SOLUTION, "notes": ""})
        view = wait_done(client, token, queued.get_json()["id"])
    assert view["status"] == "error" and "a fault on our side, not in your code" in view["error"]
    again = client.post(api(token, f"/problems/{versions[0]}/run"), json={"code": SOLUTION, "notes": ""}).get_json()
    assert again["repeated"] is False and wait_done(client, token, again["id"])["verdict"] == "accepted"
