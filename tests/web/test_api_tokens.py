"""API tokens: stored hashed, verified, revoked; the admin page (admins only) and the CLI commands."""

import hashlib
import re

import pytest
from sqlmodel import select

from server.cli import main
from server.db import get_db
from server.models import ApiToken
from server.services.api_tokens import (
    ApiTokenError,
    TokenRejected,
    authenticate,
    create_token,
    list_tokens,
    revoke_token,
)
from server.services.staff import add_user
from tests.web.api_support import bearer
from tests.web.conftest import PASSWORD, cli_environment, csrf_token, login


def test_only_the_hash_and_a_prefix_are_stored(app):
    with app.app_context():
        session = get_db()
        token, plaintext = create_token(session, "  Greenhouse  ", ["results:read", "screens:read", "results:read"])
        assert plaintext.startswith("tsk_") and len(plaintext) > 40
        assert token.name == "Greenhouse" and token.scopes == ["screens:read", "results:read"]
        stored = session.exec(select(ApiToken)).one()
        assert stored.token_hash == hashlib.sha256(plaintext.encode()).hexdigest()
        assert plaintext.startswith(stored.prefix) and len(stored.prefix) == 12
        row = " ".join(str(value) for value in stored.model_dump().values())
        assert plaintext not in row and plaintext[12:] not in row


def test_authenticate_records_use_and_refuses_wrong_and_revoked_tokens(app):
    with app.app_context():
        session = get_db()
        token, plaintext = create_token(session, "Lever", ["invites:write"])
        assert token.last_used_at is None
        assert authenticate(session, plaintext).id == token.id
        assert session.get(ApiToken, token.id).last_used_at is not None
        with pytest.raises(TokenRejected, match="not known"):
            authenticate(session, plaintext[:-2] + ("AA" if not plaintext.endswith("AA") else "BB"))
        with pytest.raises(TokenRejected, match="malformed"):
            authenticate(session, "Bearer-ish")
        revoke_token(session, token.id)
        with pytest.raises(TokenRejected, match="'Lever' was revoked"):
            authenticate(session, plaintext)


def test_names_and_scopes_are_validated(app):
    with app.app_context():
        session = get_db()
        with pytest.raises(ApiTokenError, match="needs a name"):
            create_token(session, "  ", ["screens:read"])
        with pytest.raises(ApiTokenError, match="at most 100"):
            create_token(session, "x" * 101, ["screens:read"])
        with pytest.raises(ApiTokenError, match="unknown scope 'admin'"):
            create_token(session, "A", ["screens:read", "admin"])
        with pytest.raises(ApiTokenError, match="at least one scope"):
            create_token(session, "A", [])
        create_token(session, "A", ["screens:read"])
        with pytest.raises(ApiTokenError, match="already named 'A'"):
            create_token(session, "A", ["screens:read"])
        with pytest.raises(ApiTokenError, match="no API token with id 99"):
            revoke_token(session, 99)
        assert [t.name for t in list_tokens(session)] == ["A"]


def test_only_admins_reach_the_token_page(client, staff):
    for role in ("author", "reviewer"):
        login(client, staff[role])
        assert client.get("/admin/tokens/").status_code == 403
        assert client.post("/admin/tokens/", data={"name": "x", "scopes": ["screens:read"]}).status_code == 403
        assert client.post("/admin/tokens/1/revoke").status_code == 403
        assert b"API tokens" not in client.get("/admin/").data
        client.post("/auth/logout")
    assert client.get("/admin/tokens/").status_code == 302  # to the login
    login(client, staff["admin"])
    assert b'href="/admin/tokens/"' in client.get("/admin/").data


def test_an_admin_creates_sees_once_uses_and_revokes_a_token(client, staff):
    login(client, staff["admin"])
    created = client.post("/admin/tokens/", data={"name": "Workday", "scopes": ["screens:read", "results:read"]})
    assert created.status_code == 200 and created.headers["Cache-Control"] == "no-store"
    plaintext = re.search(rb'id="token-plaintext" readonly value="(tsk_[^"]+)"', created.data).group(1).decode()
    assert b"shown only this once" in created.data
    listing = client.get("/admin/tokens/")
    assert plaintext.encode() not in listing.data and plaintext[:12].encode() in listing.data
    assert b"Workday" in listing.data and b"never" in listing.data and b"admin@example.com" in listing.data
    assert client.get("/api/v1/screens", headers=bearer(plaintext)).status_code == 200
    listing = client.get("/admin/tokens/")
    assert b"never" not in listing.data
    token_id = re.search(rb'action="/admin/tokens/(\d+)/revoke"', listing.data).group(1).decode()
    revoked = client.post(f"/admin/tokens/{token_id}/revoke", follow_redirects=True)
    assert b"Revoked the token &#39;Workday&#39;" in revoked.data and b"revoked 20" in revoked.data
    assert client.get("/api/v1/screens", headers=bearer(plaintext)).get_json()["error"]["code"] == "invalid_token"


def test_the_token_form_keeps_input_and_says_what_is_wrong(client, staff):
    login(client, staff["admin"])
    refused = client.post("/admin/tokens/", data={"name": "Ashby"})
    assert refused.status_code == 422 and b"at least one scope" in refused.data and b'value="Ashby"' in refused.data
    assert b"tsk_" not in refused.data


def test_revoking_and_creating_need_the_csrf_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        add_user(get_db(), "root@example.com", "Root", "admin", PASSWORD)
        token, _ = create_token(get_db(), "Old", ["screens:read"])
    page = client.get("/auth/login")
    client.post("/auth/login", data={"email": "root@example.com", "password": PASSWORD,
                                     "csrf_token": csrf_token(page.data)})
    assert client.post(f"/admin/tokens/{token.id}/revoke").status_code == 400
    assert client.post("/admin/tokens/", data={"name": "x", "scopes": ["screens:read"]}).status_code == 400
    form = client.get("/admin/tokens/")
    revoked = client.post(f"/admin/tokens/{token.id}/revoke", data={"csrf_token": csrf_token(form.data)})
    assert revoked.status_code == 302


def test_token_commands(runner, app):
    env = cli_environment(app)
    created = runner.invoke(main, ["token", "create", "--name", "SmartRecruiters", "--scope", "screens:read",
                                   "--scope", "invites:write"], env=env)
    assert created.exit_code == 0, created.output
    plaintext = created.stdout.strip()
    assert plaintext.startswith("tsk_") and "not shown again" in created.stderr
    assert app.test_client().get("/api/v1/screens", headers=bearer(plaintext)).status_code == 200
    listed = runner.invoke(main, ["token", "list"], env=env)
    assert listed.exit_code == 0 and "SmartRecruiters" in listed.output and plaintext[:12] in listed.output
    assert "screens:read,invites:write" in listed.output and plaintext not in listed.output
    token_id = listed.output.split("\t")[0]
    revoked = runner.invoke(main, ["token", "revoke", token_id], env=env)
    assert revoked.exit_code == 0 and "revoked token" in revoked.output
    assert "revoked 20" in runner.invoke(main, ["token", "list"], env=env).output
    assert app.test_client().get("/api/v1/screens", headers=bearer(plaintext)).status_code == 401


def test_token_commands_refuse_bad_input_with_exit_2(runner, app):
    env = cli_environment(app)
    bad_scope = runner.invoke(main, ["token", "create", "--name", "X", "--scope", "admin"], env=env)
    assert bad_scope.exit_code == 2 and "admin" in bad_scope.output
    missing = runner.invoke(main, ["token", "revoke", "42"], env=env)
    assert missing.exit_code == 2 and "no API token with id 42" in missing.output
    empty = runner.invoke(main, ["token", "create", "--name", " ", "--scope", "screens:read"], env=env)
    assert empty.exit_code == 2 and "needs a name" in empty.output
