"""Staff pages: login, roles, CSRF, rate limit, cookies, and the admin basics end to end."""

import re

from werkzeug.security import check_password_hash

from tests.web.conftest import PASSWORD, csrf_token, login


def test_staff_pages_need_a_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_a_wrong_password_is_refused(client, staff):
    response = client.post("/auth/login", data={"email": staff["admin"], "password": "nope"})
    assert response.status_code == 401 and b"Wrong email or password" in response.data


def test_an_unknown_email_costs_a_password_check_as_a_known_one_does(client, staff, monkeypatch):
    """Were only known emails' passwords checked, the time of a refusal would tell which staff emails exist."""
    checked = []

    def check(stored_hash, password):
        checked.append(password)
        return check_password_hash(stored_hash, password)

    monkeypatch.setattr("server.views.auth.check_password_hash", check)
    for email in (staff["admin"], "nobody@example.com"):
        assert client.post("/auth/login", data={"email": email, "password": "nope"}).status_code == 401
    assert checked == ["nope", "nope"]

# ``next`` as a browser sends it, percent-encoded; each decodes to something a browser takes off-site
# (tabs and newlines dropped, backslash read as /) or to something that is not a path at all.
OFF_SITE_NEXT = ["//evil.example/", "/%09/evil.example/x", "/%0d%0a/evil.example/", "/%0a/evil.example/",
                 "/%5Cevil.example/", "/%5C/evil.example/", "%5C%5Cevil.example/", "%2F%2Fevil.example/",
                 "/%2F/evil.example/", "%20//evil.example/", "/%E3%80%80/evil.example/", "/%E2%80%8B/evil.example/",
                 "http:evil.example/", "https://evil.example/", "http:/evil.example/",
                 "javascript:alert(1)", "evil.example/", ""]
SAME_SITE_NEXT = ["/review/?page=2&sort=newest", "/author/count-things/", "/admin/invites#new", "/r%C3%A9view/"]


def test_the_login_follows_next_only_to_a_path_on_this_site(client, staff):
    def lands(query: str) -> str:
        response = client.post(f"/auth/login?next={query}", data={"email": staff["admin"], "password": PASSWORD})
        client.post("/auth/logout")
        return response.location

    assert {query: lands(query) for query in OFF_SITE_NEXT} == {query: "/admin/" for query in OFF_SITE_NEXT}
    with_nul = client.post("/auth/login?next=/%00/evil.example/", data={"email": staff["admin"], "password": PASSWORD})
    assert with_nul.status_code == 400 and with_nul.location is None  # refused before any view (nul_characters)
    for path in SAME_SITE_NEXT:
        response = client.post("/auth/login", query_string={"next": path},
                               data={"email": staff["admin"], "password": PASSWORD})
        assert response.location == path


def test_each_role_lands_on_its_own_work(client, staff):
    assert client.get("/").location == "/auth/login"
    for role, landing in (("admin", "/admin/"), ("author", "/author/"), ("reviewer", "/review/")):
        assert login(client, staff[role]).location == landing
        assert client.get("/").location == landing
        client.post("/auth/logout")


def test_session_cookie_is_httponly_and_samesite(client, staff):
    response = login(client, staff["admin"])
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_session_cookie_is_secure_when_the_public_url_is_https(make_app, staff, monkeypatch):
    def cookie(public_url: str, override: str) -> str:
        monkeypatch.setenv("TECHSCREEN_PUBLIC_URL", public_url)
        monkeypatch.setenv("TECHSCREEN_SECURE_COOKIES", override)
        return login(make_app().test_client(), staff["admin"]).headers["Set-Cookie"]

    assert "; Secure" in cookie("https://screen.example.com", "")
    assert "; Secure" not in cookie("http://127.0.0.1:5000", "")
    assert "; Secure" not in cookie("https://screen.example.com", "0")  # the variable overrides the scheme
    assert "; Secure" in cookie("http://127.0.0.1:5000", "1")

def test_roles_limit_pages(client, staff):
    login(client, staff["reviewer"])
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/users").status_code == 403
    assert client.get("/admin/screens").status_code == 403
    client.post("/auth/logout")
    login(client, staff["author"])
    assert client.get("/admin/screens").status_code == 200
    assert client.get("/admin/users").status_code == 403


def test_admin_creates_a_user_a_screen_and_an_invite(client, staff):
    login(client, staff["admin"])
    response = client.post("/admin/users", data={"email": "new@example.com", "name": "New", "role": "reviewer",
                                                  "password": "long enough password"}, follow_redirects=True)
    assert b"Added new@example.com as reviewer" in response.data
    short = client.post("/admin/users", data={"email": "x@example.com", "role": "author", "password": "short"})
    assert b"at least 10 characters" in short.data
    response = client.post("/admin/screens", data={"name": "ML screen", "minutes": "60",
                                                    "problems": ["cosine-similarity", "log-anomalies"]},
                           follow_redirects=True)
    assert b"Created screen" in response.data and b"Cosine" in response.data
    screen_id = re.search(rb'<option value="(\d+)">ML screen', client.get("/admin/invites").data).group(1).decode()
    response = client.post("/admin/invites", data={"screen": screen_id, "name": "Grace", "email": "g@example.com"})
    link = re.search(rb'value="(http[^"]+/invite/[^"]+)"', response.data).group(1).decode()
    token = link.rsplit("/", 1)[1]
    assert len(token) >= 32
    assert f"<td>{staff['admin']}</td>" in client.get("/admin/").data.decode()  # who invited Grace
    client.post("/auth/logout")
    landing = client.get(f"/invite/{token}")
    assert landing.status_code == 200 and b"Hello Grace" in landing.data and b"60 minutes" in landing.data


def test_forms_need_the_csrf_token(make_app, staff):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    refused = client.post("/auth/login", data={"email": staff["admin"], "password": PASSWORD})
    assert refused.status_code == 400 and b"The form expired" in refused.data
    token = csrf_token(client.get("/auth/login").data)
    accepted = client.post("/auth/login", data={"email": staff["admin"], "password": PASSWORD, "csrf_token": token})
    assert accepted.status_code == 302


def test_login_is_rate_limited(make_app, staff):
    client = make_app(RATELIMIT_ENABLED=True).test_client()
    codes = [client.post("/auth/login", data={"email": staff["admin"], "password": "wrong"}).status_code
             for _ in range(11)]
    assert codes[:10] == [401] * 10 and codes[10] == 429


def login_from(client, address: str, email: str, password: str = "wrong", **headers) -> int:
    return client.post("/auth/login", data={"email": email, "password": password}, headers=headers,
                       environ_base={"REMOTE_ADDR": address}).status_code


def test_failed_logins_are_limited_per_account_but_one_address_cannot_lock_it(make_app, staff):
    client = make_app(RATELIMIT_ENABLED=True).test_client()
    assert [login_from(client, "192.0.2.1", staff["admin"]) for _ in range(11)] == [401] * 10 + [429]
    assert login_from(client, "192.0.2.2", staff["admin"], PASSWORD) == 302  # one address's failures: not enough
    client.post("/auth/logout")
    failures = [login_from(client, f"192.0.2.{n}", staff["admin"]) for n in range(3, 13)]
    assert failures == [401] * 10  # twenty failures in a minute, from many addresses
    assert login_from(client, "192.0.2.13", staff["admin"], PASSWORD) == 429
    assert login_from(client, "192.0.2.13", staff["author"], PASSWORD) == 302  # other accounts are not held up


def test_the_client_address_comes_from_trusted_proxies_only(make_app, staff):
    def refused_after_ten(proxies: int) -> int:
        """The 11th login from the balancer's address, by a client other than the first ten's."""
        client = make_app(RATELIMIT_ENABLED=True, TRUSTED_PROXIES=proxies).test_client()
        for _ in range(10):
            login_from(client, "10.0.0.2", staff["admin"], **{"X-Forwarded-For": "203.0.113.1"})
        return login_from(client, "10.0.0.2", staff["author"], **{"X-Forwarded-For": "203.0.113.2"})

    assert refused_after_ten(proxies=1) == 401  # behind one balancer, each client has its own budget
    assert refused_after_ten(proxies=0) == 429  # with no trusted proxy, X-Forwarded-For is anyone's to forge
