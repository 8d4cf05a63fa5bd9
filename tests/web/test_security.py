"""Request-level protections: where they live, the security headers, sessions that end at logout."""

import re
import subprocess
import sys

from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from tests.conftest import ROOT
from tests.web.conftest import csrf_token, login


def test_views_use_csrf_and_rate_limits_without_importing_the_app_factory():
    probe = ("import sys\nimport server.views.auth, server.views.candidate_api, server.api.v1\n"
             "import server.rate_limits, server.security\nprint('server.app' in sys.modules)")
    imported = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert imported.stdout.strip() == "False"


def test_a_session_cookie_replayed_after_logout_is_not_signed_in(app, staff):
    browser, other_browser = app.test_client(), app.test_client()
    for client in (browser, other_browser):
        login(client, staff["admin"])
        assert client.get("/admin/").status_code == 200
    copied = browser.get_cookie("session").value
    browser.post("/auth/logout")
    assert browser.get("/admin/").status_code == 302
    browser.set_cookie("session", copied)
    replayed = browser.get("/admin/")
    assert replayed.status_code == 302 and replayed.location.startswith("/auth/login")
    assert other_browser.get("/admin/").status_code == 302  # signing out ends every session of the account
    login(browser, staff["admin"])
    assert browser.get("/admin/").status_code == 200  # signing in again works


def test_every_response_carries_the_security_headers_and_a_fresh_style_nonce(client):
    pages = [client.get("/auth/login") for _ in range(2)]
    nonces = []
    for page in pages:
        policy = page.headers["Content-Security-Policy"]
        nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
        assert f'<meta name="csp-nonce" content="{nonce}">' in page.get_data(as_text=True)
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
    static = client.get("/static/app.css")
    static.close()
    for response in (pages[0], client.get("/api/v1/openapi.json"), static):
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


class SignedLongAgo(TimestampSigner):
    """A signer whose signatures are dated 61 minutes back, past Flask-WTF's default one-hour limit."""

    def get_timestamp(self) -> int:
        return super().get_timestamp() - 61 * 60


def test_a_csrf_token_read_over_an_hour_ago_still_saves_a_draft(make_app, invite):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    token, versions = invite
    page = client.get(f"/invite/{token}")
    assert client.post(f"/invite/{token}/start", data={"csrf_token": csrf_token(page.data)}).status_code == 302
    with client.session_transaction() as session:
        raw = session["csrf_token"]
    old = URLSafeTimedSerializer(app.secret_key, salt="wtf-csrf-token", signer=SignedLongAgo).dumps(raw)
    saved = client.post(f"/api/candidate/{token}/problems/{versions[0]}/draft", headers={"X-CSRFToken": old},
                        json={"code": "x = 1", "notes": ""})
    assert saved.status_code == 200, saved.get_data(as_text=True)
