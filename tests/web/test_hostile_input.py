"""Hostile input gets a clear 4xx saying what is wrong and where, never a 500: lone surrogates, deep nesting,
wrong JSON types, ids beyond the database's range, query parameters that are not numbers."""

import json

import pytest

from server.db import get_db
from server.models import AuthoredProblem, Role
from server.services.staff import add_user
from tests.web.api_support import bearer, issue_token
from tests.web.conftest import PASSWORD, login, wait_done

BEYOND = 2 ** 31  # one more than the largest id the schema holds (INTEGER: 32 bits on PostgreSQL)
SURROGATE = '"\\ud800"'  # a lone surrogate, as JSON sends it
DEEP = "[" * 100_000 + "]" * 100_000
PROBLEM = "count-things"


@pytest.fixture
def everyone(app, client, invite):
    """A started attempt (in a browser of its own: a staff session cannot act as a candidate), an author's
    working copy, and an admin session and an API token."""
    token, versions = invite
    candidate = app.test_client()
    candidate.post(f"/invite/{token}/start")
    with app.app_context():
        add_user(get_db(), "admin@example.com", "Admin", Role.ADMIN.value, PASSWORD)
    login(client, "admin@example.com")
    assert client.post("/author/new", data={"id": PROBLEM, "title": "Count things"}).status_code == 302
    return {"token": token, "version": versions[0], "headers": bearer(issue_token(app)), "candidate": candidate}


def candidate_urls(everyone) -> list[str]:
    base = f"/api/candidate/{everyone['token']}"
    return [f"{base}/problems/{everyone['version']}/{action}" for action in ("draft", "lint", "run")] + [
        f"{base}/events"]


def json_urls(everyone) -> list[str]:
    return [*candidate_urls(everyone), "/api/v1/invites", "/author/preview", f"/author/{PROBLEM}/save",
            f"/author/{PROBLEM}/cases", f"/author/{PROBLEM}/settings"]


def post_raw(client, url, body, everyone):
    """``body`` as JSON to ``url``: from the candidate's browser for candidate URLs, else from the admin's."""
    sender = everyone["candidate"] if url.startswith("/api/candidate/") else client
    return sender.post(url, data=body, content_type="application/json", headers=everyone["headers"])


def message_of(response) -> str:
    """The error message of a JSON error, in either shape (the integration API nests it)."""
    assert response.mimetype == "application/json", (response.status_code, response.data[:200])
    error = response.get_json()
    return error["error"]["message"] if isinstance(error["error"], dict) else error["message"]


def test_a_lone_surrogate_is_refused_naming_the_field(client, everyone):
    bodies = {url: '{"code": %s, "notes": ""}' % SURROGATE for url in candidate_urls(everyone)}
    bodies[candidate_urls(everyone)[-1]] = '{"kind": %s}' % SURROGATE
    bodies["/api/v1/invites"] = '{"screen_id": 1, "candidate_name": %s, "candidate_email": "a@b.co"}' % SURROGATE
    bodies["/author/preview"] = '{"markdown": "# Title %s"}' % SURROGATE.strip('"')
    bodies[f"/author/{PROBLEM}/save"] = '{"files": {"statement.md": %s}}' % SURROGATE
    for url, body in bodies.items():
        response = post_raw(client, url, body, everyone)
        assert response.status_code == 400, (url, response.data[:300])
        message = message_of(response)
        assert "lone surrogate" in message and "\\ud800" in message, (url, message)
    named = {"code": candidate_urls(everyone)[0], "candidate_name": "/api/v1/invites", "markdown": "/author/preview",
             'files["statement.md"]': f"/author/{PROBLEM}/save"}
    for field, url in named.items():
        assert f"the field {field} " in message_of(post_raw(client, url, bodies[url], everyone))


def test_a_nul_character_in_json_is_refused_naming_the_field(client, everyone):
    """PostgreSQL's text cannot hold NUL; no field has a use for it, so it is refused, as a lone surrogate is."""
    bodies = {url: '{"code": "", "notes": "a\\u0000b"}' for url in candidate_urls(everyone)}
    bodies[candidate_urls(everyone)[-1]] = '{"kind": "paste\\u0000"}'
    bodies["/api/v1/invites"] = '{"screen_id": 1, "candidate_name": "Ada\\u0000", "candidate_email": "a@b.co"}'
    bodies["/author/preview"] = '{"markdown": "# Title\\u0000"}'
    bodies[f"/author/{PROBLEM}/save"] = '{"files": {"statement.md\\u0000": ""}}'
    fields = ["the field notes"] * 3 + ["the field kind", "the field candidate_name", "the field markdown",
                                        "a key of the field files"]
    for (url, body), field in zip(bodies.items(), fields, strict=True):
        response = post_raw(client, url, body, everyone)
        assert response.status_code == 400, (url, response.data[:300])
        assert f"{field} contains a NUL character" in message_of(response), (url, message_of(response))


def test_a_nul_character_in_a_form_field_query_parameter_or_path_is_refused(app, client, everyone):
    signing_in = app.test_client().post("/auth/login", data={"email": "admin@example.com\x00", "password": "x"})
    assert signing_in.status_code == 400
    assert "The form field email contains a NUL character" in signing_in.get_data(True)
    invite = client.post("/admin/invites", data={"screen": "1", "name": "Ada\x00", "email": "ada@example.com"})
    assert invite.status_code == 400 and "The form field name contains a NUL" in invite.get_data(True)
    dashboard = client.get("/review/?problem=cosine%00")
    assert dashboard.status_code == 400 and "The query parameter problem contains a NUL" in dashboard.get_data(True)
    assert client.get(f"/author/{PROBLEM}%00/").status_code == 404
    refused = client.get("/api/v1/screens?x%00=1", headers=everyone["headers"])
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "bad_request"
    assert client.get("/admin/").status_code == 200  # the session is fine


def test_a_nul_character_on_an_address_that_routes_nowhere_gets_the_routing_error(client, everyone):
    """Found by schemathesis: an id past the database's range routes nowhere; the API's 404 answers, in the
    API's error shape, not the pages' 400 about the query."""
    missing = client.get("/api/v1/screens/809980066206/results?x%00=1", headers=everyone["headers"])
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"


def test_json_nested_100000_deep_is_refused(client, everyone):
    for url in json_urls(everyone):
        response = post_raw(client, url, DEEP, everyone)
        assert response.status_code == 400, (url, response.data[:300])
        assert "levels deep" in message_of(response), url


def test_broken_json_says_where(client, everyone):
    for url in json_urls(everyone):
        response = post_raw(client, url, '{"code": "x",\n "notes": }', everyone)
        assert response.status_code == 400, url
        assert "not valid JSON" in message_of(response) and "line 2, column 11" in message_of(response), url


def test_arrays_numbers_and_null_where_an_object_is_expected(client, everyone):
    for url in json_urls(everyone):
        for body, name in (("[1, 2]", "an array"), ("5", "an integer"), ("null", "null"), ('"text"', "a string")):
            response = post_raw(client, url, body, everyone)
            assert response.status_code == 400, (url, body, response.data[:300])
            assert f"must be a JSON object, not {name}" in message_of(response), (url, body)


@pytest.mark.parametrize("path", [
    "/review/attempts/{id}", "/review/attempts/{id}/report", "/review/submissions/{id}", "/review/similarity/{id}",
    "/review/screens/{id}/results.csv", "/review/screens/{id}/results.json", "/review/attempts/{id}/playback/{id}",
    "/review/attempts/1/playback/{id}/diff", f"/author/{PROBLEM}/versions/{{id}}.zip",
    "/api/candidate/{token}/submissions/{id}", "/api/candidate/{token}/submissions/{id}/progress",
    "/api/v1/screens/{id}", "/api/v1/attempts/{id}/report"])
def test_ids_beyond_the_database_range_are_not_found(client, everyone, path):
    response = client.get(path.format(id=BEYOND, token=everyone["token"]), headers=everyone["headers"])
    assert response.status_code == 404
    assert response.mimetype == ("application/json" if path.startswith("/api/") else "text/html")


def test_revoking_a_token_id_beyond_the_range_is_not_found(client, everyone):
    assert client.post(f"/admin/tokens/{BEYOND}/revoke").status_code == 404


@pytest.mark.parametrize("query", ["screen=abc", "screen=%C2%B2", f"screen={BEYOND}", "page=%C2%B2", "page=abc",
                                   "page=" + "9" * 5000])
def test_dashboard_filters_that_are_not_numbers_are_a_clear_400(client, everyone, query):
    response = client.get(f"/review/?{query}")
    parameter = query.split("=")[0]
    assert response.status_code == 400 and f"The {parameter} parameter must be an id" in response.get_data(True)


def test_attempts_page_numbers_that_are_not_numbers_are_a_clear_400(client, everyone):
    response = client.get("/admin/?page=abc")
    assert response.status_code == 400 and "The page parameter must be an id" in response.get_data(True)
    assert client.get("/admin/?page=9").status_code == 200  # beyond the last page: the last page


def test_snapshot_indexes_that_are_not_numbers_are_a_json_400(app, client, everyone):
    base = f"/api/candidate/{everyone['token']}/problems/{everyone['version']}/draft"
    everyone["candidate"].post(base, json={"code": "x = 1", "notes": ""})
    url = f"/review/attempts/1/playback/{everyone['version']}/diff"
    for a in ("%C2%B2", "9" * 5000, str(BEYOND)):
        response = client.get(f"{url}?a={a}&b=0")
        assert response.status_code == 400 and "snapshot indexes" in response.get_json()["message"]


def test_an_invite_form_naming_no_screen_says_so(client, everyone):
    for screen in ("abc", str(BEYOND)):
        response = client.post("/admin/invites", data={"screen": screen, "name": "Ada", "email": "a@b.co"})
        assert response.status_code == 200 and "Choose a screen" in response.get_data(True)


def test_routing_errors_under_api_answer_json(client, everyone):
    missing = client.get(f"/api/candidate/{everyone['token']}/nothing-here")
    assert missing.status_code == 404 and missing.get_json()["error"] == "not_found"
    wrong_method = client.get(f"/api/candidate/{everyone['token']}/events")
    assert wrong_method.status_code == 405 and "POST" in wrong_method.headers["Allow"]
    assert wrong_method.get_json()["error"] == "method_not_allowed"


def test_an_unexpected_failure_under_api_is_a_json_500_not_an_html_page(make_app):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def broken():
        raise RuntimeError("a bug")

    app.add_url_rule("/api/candidate/broken", "broken", broken)
    app.add_url_rule("/broken-page", "broken_page", broken)
    client = app.test_client()
    response = client.get("/api/candidate/broken")
    assert response.status_code == 500 and response.mimetype == "application/json"
    assert response.get_json() == {"error": "internal_server_error",
                                   "message": "Something went wrong on the server; the error is logged. Try "
                                              "again later."}
    page = client.get("/broken-page")
    assert page.status_code == 500 and page.mimetype == "text/html" and "Something went wrong" in page.get_data(True)


def test_bodies_that_are_fine_still_pass(client, everyone):
    """The strict parser keeps what is valid: non-ASCII text, nesting within the limit."""
    base = f"/api/candidate/{everyone['token']}/problems/{everyone['version']}"
    saved = everyone["candidate"].post(f"{base}/draft", json={"code": "# naïve résumé ✓ 𝔘\nx = 1", "notes": "😀"})
    assert saved.status_code == 200
    preview = client.post("/author/preview", data=json.dumps({"markdown": "*ok* 😀", "x": [[[[1]]]]}),
                          content_type="application/json")
    assert preview.status_code == 200 and "😀" in preview.get_json()["html"]


@pytest.mark.sqlite_only
def test_a_20000_term_expression_is_a_policy_violation_in_lint_and_as_the_verdict(client, invite):
    token, versions = invite
    client.post(f"/invite/{token}/start")
    base = f"/api/candidate/{token}/problems/{versions[0]}"
    code = "def cosine_similarity(a, b):\n    return " + "+".join(["1"] * 20_000) + "\n"
    lint = client.post(f"{base}/lint", json={"code": code, "notes": ""})
    assert lint.status_code == 200
    assert [v["message"][:28] for v in lint.get_json()["violations"]] == ["expression too deeply nested"]
    queued = client.post(f"{base}/submit", json={"code": code, "notes": ""})
    assert queued.status_code == 202
    view = wait_done(client, token, queued.get_json()["id"])
    assert view["status"] == "done" and view["verdict"] == "policy_violation", view
    assert "too deeply nested" in json.dumps(view)


def test_pages_that_answer_json_answer_their_errors_in_json(client, everyone):
    missing = client.get("/author/no-such-problem/validate")
    assert missing.status_code == 404 and missing.mimetype == "application/json"
    assert "no-such-problem" in missing.get_json()["message"]
    unroutable = client.get(f"/review/attempts/{BEYOND}/playback/1/diff", headers={"Accept": "application/json"})
    assert unroutable.status_code == 404 and unroutable.get_json()["error"] == "not_found"
    assert client.get(f"/review/attempts/{BEYOND}").mimetype == "text/html"  # a browser still gets the page


def test_author_files_nested_too_deeply_are_format_errors_not_failures(app, client, everyone):
    with app.app_context():
        files = dict(get_db().get(AuthoredProblem, PROBLEM).files)  # a save sends the whole package
    deep_python = "x = " + "+".join(["1"] * 20_000) + "\n"
    deep_toml = "a = " + "[" * 5_000 + "]" * 5_000 + "\n"
    for name, text, found in (("solution.py", deep_python, "nested too deeply"),
                              ("generator.py", deep_python, "nested too deeply"),
                              ("problem.toml", deep_toml, "nested too deeply"),
                              ("tests/public.json", "[" * 100_000 + "]" * 100_000, "nested too deeply")):
        saved = client.post(f"/author/{PROBLEM}/save", json={"files": {**files, name: text}})
        assert saved.status_code == 200, (name, saved.data[:300])
        assert any(issue["file"] == name and found in issue["message"] for issue in saved.get_json()["issues"]), name
        assert client.get(f"/author/{PROBLEM}/").status_code == 200
    settings = client.post(f"/author/{PROBLEM}/settings", json={"toml": deep_toml, "values": {}})
    assert settings.status_code == 200 and settings.get_json()["values"] is None
    cases = client.post(f"/author/{PROBLEM}/cases", json={"file": "tests/public.json", "cases": [],
                                                         "files": {"problem.toml": deep_toml}})
    assert cases.status_code in (200, 400) and cases.mimetype == "application/json"
