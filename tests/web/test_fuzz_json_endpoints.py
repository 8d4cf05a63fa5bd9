"""Fuzzing every JSON endpoint: no input makes the server fail (5xx), and every answer is JSON.

The endpoints are enumerated from the app's URL map (everything under
``/api/``, plus the authoring and review views that answer JSON), so a new
one is fuzzed without being listed. Requests reach the handlers: a signed-in
admin with a valid CSRF token, the candidate's real invite token, a token
with every API scope, and real ids mixed with ids beyond the database's
range. Bodies are broken JSON, invalid UTF-8, lone surrogates, nesting up to
100,000 deep (and code, TOML and JSON nested as deep inside strings), the
wrong types (arrays, numbers, null, strings where objects or integers
belong), huge numbers and huge strings, in objects whose keys are the ones
the endpoints read, often a body the endpoint accepts with some fields
replaced.
"""

import json
import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from server.db import get_db
from server.models import AuthoredProblem
from server.services.staff import add_user
from tests.web.api_support import issue_token
from tests.web.conftest import PASSWORD, csrf_token

EXAMPLES = 40  # per endpoint and method: about 800 requests, well under a minute
PROBLEM = "fuzz-me"
JSON_VIEWS = {"authoring.save", "authoring.preview", "authoring.cases", "authoring.settings", "authoring.validate",
              "review.playback_diff"}
# Starts a validation run in the sandbox and reads no body: fuzzing it would only queue sandbox jobs.
NOT_FUZZED = {("authoring.validate", "POST")}
STREAMS = {"candidate_api.progress"}  # a 200 is text/event-stream; errors are JSON
BODY_KEYS = ("code", "notes", "kind", "problem", "chars", "lines", "screen_id", "candidate_name", "candidate_email",
             "expires_in_days", "markdown", "files", "file", "cases", "toml", "values", "rubric")
QUERY_KEYS = ("page", "per_page", "a", "b", "part")

HUGE_IDS = st.sampled_from([0, -1, 2 ** 31, 2 ** 63 - 1, 2 ** 63, 2 ** 64, 10 ** 30, 10 ** 400])
SURROGATES = st.sampled_from(["\ud800", "\udfff", "a\udc80b", "\ud83d", "x" * 50 + "\udbff"])
FILE_NAMES = ("problem.toml", "statement.md", "solution.py", "generator.py", "tests/public.json")
HUGE_TEXT = st.integers(10_000, 700_000).map(lambda size: "x" * size)
DEEP_CODE, DEEP_TOML, DEEP_JSON = ("x = " + "+".join(["1"] * 20_000) + "\n", "a = " + "[" * 5_000 + "]" * 5_000,
                                   "[" * 50_000 + "]" * 50_000)
DEEP_TEXT = st.sampled_from([DEEP_CODE, DEEP_TOML, DEEP_JSON, "x = " + "(" * 300 + ")" * 300])
SCALARS = (st.none() | st.booleans() | st.integers() | HUGE_IDS | st.floats(allow_nan=False, allow_infinity=False)
           | st.text(max_size=40) | SURROGATES | HUGE_TEXT | DEEP_TEXT
           | st.sampled_from([*FILE_NAMES, "paste", "run", "1"]))
KEY = st.sampled_from(BODY_KEYS + FILE_NAMES) | st.text(max_size=8) | SURROGATES
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEY, inner, max_size=4),
                      max_leaves=10)


def deep(depth: int, key: str | None) -> str:
    nested = "[" * depth + "]" * depth
    return nested if key is None else json.dumps({key: "@"}).replace('"@"', nested)


def cut(text: str, at: int) -> str:
    return text[:at] if at < len(text) else text + "}"


OBJECTS = st.dictionaries(KEY, VALUES, max_size=6).map(json.dumps)


def near(template: dict):
    """``template`` (a body the endpoint accepts; a field may be a strategy of such values, its text nested too
    deeply among them) with some of its fields replaced by values of any type: the handler runs deep."""
    fields = {key: (value if isinstance(value, st.SearchStrategy) else st.just(value)) | VALUES
              for key, value in template.items()}
    return st.fixed_dictionaries(fields).map(lambda body: json.dumps(body).encode())


BROKEN = st.one_of(
    OBJECTS,                                                              # the right shape, any keys
    VALUES.map(json.dumps),                                               # the wrong type at the top
    st.builds(deep, st.integers(1, 100_000), st.none() | st.sampled_from(BODY_KEYS)),
    st.builds(cut, OBJECTS, st.integers(0, 60)),                          # broken syntax
    st.text(max_size=60),                                                 # not JSON at all
).map(lambda text: text.encode("utf-8", "surrogatepass")) | st.binary(max_size=60)  # and invalid UTF-8


CONTENT_TYPES = st.sampled_from(["application/json"] * 8 + ["text/plain", "application/x-www-form-urlencoded"])
QUERIES = st.dictionaries(st.sampled_from(QUERY_KEYS), st.text(max_size=12) | HUGE_IDS.map(str), max_size=3)


@pytest.fixture
def fuzzed(make_app):
    """An app with everything the endpoints look up, and a client that reaches their handlers."""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        add_user(get_db(), "admin@example.com", "Admin", "admin", PASSWORD)
    client = app.test_client()
    signed_in = client.post("/auth/login", data={"email": "admin@example.com", "password": PASSWORD,
                                                 "csrf_token": csrf_token(client.get("/auth/login").data)})
    assert signed_in.status_code == 302
    csrf = csrf_token(client.get("/admin/").data)  # signing in began a new session, with a new token
    headers = {"X-CSRFToken": csrf, "Authorization": f"Bearer {issue_token(app)}", "Accept": "application/json"}
    screen = client.post("/admin/screens", headers=headers, data={
        "name": "Fuzz", "minutes": "30", "problems": ["cosine-similarity", "q-leakage-sources"],
        "csrf_token": headers["X-CSRFToken"]})
    assert screen.status_code == 302
    invite = client.post("/api/v1/invites", headers=headers,
                         json={"screen_id": 1, "candidate_name": "Ada", "candidate_email": "ada@example.com"})
    token = invite.get_json()["link"].rsplit("/", 1)[1]
    form = {"csrf_token": headers["X-CSRFToken"]}
    candidate = app.test_client()  # a browser of its own: a staff session cannot act as a candidate
    candidate_headers = {"X-CSRFToken": csrf_token(candidate.get(f"/invite/{token}").data),
                         "Accept": "application/json"}
    assert candidate.post(f"/invite/{token}/start", data={"csrf_token": candidate_headers["X-CSRFToken"]},
                          ).status_code == 302
    version = int(re.search(rb'data-problem="(\d+)"', candidate.get(f"/invite/{token}/problem/0").data).group(1))
    question = int(re.search(rb'data-question="(\d+)"', candidate.get(f"/invite/{token}/problem/1").data).group(1))
    queued = candidate.post(f"/api/candidate/{token}/problems/{version}/run", headers=candidate_headers,
                            json={"code": "import os\n", "notes": ""})  # a policy violation: judged without Docker
    assert queued.status_code == 202
    assert client.post("/author/new", data={"id": PROBLEM, "title": "Fuzz me", **form}).status_code == 302
    real = {"token": token, "version_id": (version, question), "submission_id": queued.get_json()["id"], "screen_id": 1,
            "invite_id": 1, "attempt_id": 1, "problem_id": PROBLEM, "kind": ("run", "submit")}
    with app.app_context():
        files = get_db().get(AuthoredProblem, PROBLEM).files

    def sender(url: str) -> tuple:
        """The browser and headers a request to ``url`` comes from: the candidate's for candidate URLs."""
        return (candidate, candidate_headers) if url.startswith("/api/candidate/") else (client, headers)

    return app, sender, real, templates(version, files)


def templates(version: int, files: dict) -> dict:
    """A body each endpoint accepts. The code is a policy violation, so a judge request never reaches Docker."""
    code = {"code": st.sampled_from(["import os\n", DEEP_CODE]), "notes": "O(n) time."}
    toml = st.sampled_from([files["problem.toml"], DEEP_TOML])
    package = {"statement.md": st.just(files["statement.md"]), "problem.toml": toml,
               "solution.py": st.sampled_from([files["solution.py"], DEEP_CODE]),
               "tests/public.json": st.sampled_from([files["tests/public.json"], DEEP_JSON])}
    return {
        "candidate_api.draft": code, "candidate_api.lint": code, "candidate_api.judge": code,
        "candidate_api.event": {"kind": "paste", "problem": version, "chars": 12, "lines": 1},
        "candidate_api.answer": {"choices": st.lists(st.integers(0, 4), max_size=3, unique=True), "text": ""},
        "api.create_invite": {"screen_id": 1, "candidate_name": "Lin", "candidate_email": "lin@example.com",
                              "expires_in_days": 3},
        "authoring.save": {"files": st.fixed_dictionaries(package)},
        "authoring.preview": {"markdown": "# Count\n\n**positive** values"},
        "authoring.cases": {"file": "tests/public.json", "cases": json.loads(files["tests/public.json"]),
                            "files": st.fixed_dictionaries({"problem.toml": toml})},
        "authoring.settings": {"toml": toml, "values": {"limits.cpu_seconds": "2"}, "rubric": None},
    }


def path_values(real: dict, names, wrong: bool) -> st.SearchStrategy:
    """The path's real values (so the handler runs), or values that name nothing or are out of range."""
    def value(name):
        if isinstance(real[name], tuple):
            return st.sampled_from(real[name])
        if not wrong:
            return st.just(real[name])
        if isinstance(real[name], int):
            return HUGE_IDS.filter(lambda number: number >= 0)
        return st.text(min_size=1, max_size=20).map(lambda text: quote(text, safe=""))
    return st.fixed_dictionaries({name: value(name) for name in names})


def json_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") or rule.endpoint in JSON_VIEWS:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                if (rule.endpoint, method) not in NOT_FUZZED:
                    yield rule, method


def fuzz(sender, real: dict, template: dict, rule, method: str) -> set[int]:
    """Send generated requests to one route and method in three rounds: real path with bodies near the template,
    real path with broken bodies, wrong path values. Returns the statuses they got."""
    statuses = set()

    def send(path, body, content_type, query):
        url = rule.rule
        for name, value in path.items():
            url = re.sub(rf"<(?:[^<>]+:)?{name}>", str(value), url)
        client, headers = sender(url)
        response = client.open(url, method=method, headers=headers, query_string=query,
                               **({"data": body, "content_type": content_type} if method == "POST" else {}))
        try:
            statuses.add(response.status_code)
            assert response.status_code < 500, (method, url, body[:300], response.data[:300])
            if 300 <= response.status_code < 400:  # a token with "/" in it: Werkzeug merges the slashes
                return
            streamed = rule.endpoint in STREAMS and response.status_code == 200
            assert response.mimetype == ("text/event-stream" if streamed else "application/json"), (
                method, url, response.status_code, response.mimetype)
        finally:
            response.close()

    rounds = ((path_values(real, rule.arguments, wrong=False), near(template), EXAMPLES // 2),
              (path_values(real, rule.arguments, wrong=False), BROKEN, EXAMPLES // 4),
              (path_values(real, rule.arguments, wrong=True), near(template) | BROKEN, EXAMPLES // 4))
    for paths, bodies, examples in rounds:
        explore(send, paths, bodies, examples)
    return statuses


def explore(send, paths, bodies, examples: int) -> None:
    @given(path=paths, body=bodies, content_type=CONTENT_TYPES, query=QUERIES)
    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck),
              phases=[Phase.generate])
    def answers_without_failing(path, body, content_type, query):
        send(path, body, content_type, query)

    answers_without_failing()


@pytest.mark.filterwarnings("ignore:Generating overly large repr")  # Hypothesis reporting a huge body
def test_no_json_endpoint_fails_on_hostile_input(fuzzed):
    app, sender, real, bodies_of = fuzzed
    routes = list(json_routes(app))
    posted = {rule.endpoint for rule, method in routes if method == "POST"}
    assert posted == set(bodies_of), "a JSON endpoint without a template body: add one to templates()"
    statuses = set().union(*(fuzz(sender, real, bodies_of.get(rule.endpoint, {}), rule, method)
                             for rule, method in routes))
    assert {200, 400, 404} <= statuses, statuses
