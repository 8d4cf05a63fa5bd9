"""Invite links let whoever holds one sit the screen as the candidate: staff never get one back and never act as one.

Only the admin who creates an invite sees its link, once; techscreen keeps a
hash of the token. A browser signed in as staff cannot use candidate pages or
APIs, whoever's link it holds.
"""

import hashlib
import re

import pytest
from sqlmodel import select

from server.db import get_db
from server.models import Attempt, AttemptState, Invite, Submission
from server.problems.bank import load
from server.services.staff import add_screen
from tests.web.conftest import login

STAFF_SESSION = "You are signed in as staff; candidate links cannot be used from a staff session."
SOLUTION = load("cosine-similarity").solution


def admin_invites(app, client, staff):
    """An admin invites Grace on /admin/invites and signs out: the response, the link's token, the problem's id."""
    with app.app_context():
        screen = add_screen(get_db(), "ML screen", 60, ["cosine-similarity"])
    login(client, staff["admin"])
    response = client.post("/admin/invites", data={"screen": screen.id, "name": "Grace", "email": "g@example.com"})
    client.post("/auth/logout")
    token = re.search(r"/invite/([A-Za-z0-9_-]+)", response.get_data(as_text=True)).group(1)
    return response, token, screen.problems[0]


def test_an_admin_sees_a_new_invite_link_once_and_only_its_hash_is_kept(app, client, staff):
    created, token, _ = admin_invites(app, client, staff)
    assert created.status_code == 200 and created.headers["Cache-Control"] == "no-store"
    assert "shown only this once" in created.get_data(as_text=True)
    login(client, staff["admin"])
    for page in ("/admin/invites", "/admin/"):
        assert token not in client.get(page).get_data(as_text=True), page
    client.post("/auth/logout")
    with app.app_context():
        invite = get_db().exec(select(Invite)).one()
        assert invite.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert token not in repr(invite.model_dump()) and invite.token_prefix == token[:8]
    landing = client.get(f"/invite/{token}")  # the link still works, looked up by its hash
    assert landing.status_code == 200 and b"Hello Grace" in landing.data


@pytest.mark.parametrize("role", ["author", "reviewer"])
def test_authors_and_reviewers_see_no_invite_links_and_make_no_invites(app, client, staff, role):
    _, token, _ = admin_invites(app, client, staff)
    login(client, staff[role])
    attempts = client.get("/admin/").get_data(as_text=True)
    assert "Grace" in attempts and token not in attempts and "/invite/" not in attempts
    assert client.get("/admin/invites").status_code == 403
    assert client.post("/admin/invites", data={"screen": 1, "name": "Eve", "email": "e@example.com"}).status_code == 403


@pytest.mark.parametrize("role", ["admin", "author", "reviewer"])
def test_a_staff_session_cannot_start_submit_or_finish_an_invite(app, client, staff, role):
    _, token, version = admin_invites(app, client, staff)
    assert app.test_client().post(f"/invite/{token}/start").status_code == 302  # the candidate, in their browser
    login(client, staff[role])
    for method, url in (("get", f"/invite/{token}"), ("post", f"/invite/{token}/start"),
                        ("get", f"/invite/{token}/problem/0"), ("post", f"/invite/{token}/finish"),
                        ("get", f"/invite/{token}/finished")):
        refused = getattr(client, method)(url)
        assert refused.status_code == 403 and STAFF_SESSION in refused.get_data(as_text=True), url
        assert "Sign out or use a private window." in refused.get_data(as_text=True)
    submit = client.post(f"/api/candidate/{token}/problems/{version}/submit", json={"code": SOLUTION, "notes": ""})
    assert submit.status_code == 403 and submit.get_json()["error"] == "staff_session"
    assert STAFF_SESSION in submit.get_json()["message"]
    draft = client.post(f"/api/candidate/{token}/problems/{version}/draft", json={"code": "x", "notes": ""})
    assert draft.status_code == 403
    with app.app_context():
        assert get_db().exec(select(Submission)).all() == []
        assert get_db().exec(select(Attempt)).one().state == AttemptState.IN_PROGRESS
    client.post("/auth/logout")  # signed out, the same browser is a candidate's again
    assert client.get(f"/invite/{token}/problem/0").status_code == 200
