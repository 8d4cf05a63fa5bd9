"""Every JSON the server sends parses with a strict (RFC 8259) parser, also when values are NaN or infinite.

stable-softmax's public tests take NaN as an input, and the textbook formula
returns -inf and NaN; Python's ``json`` would write them as bare ``NaN`` and
``-Infinity``, which a browser's ``JSON.parse`` refuses (the candidate's page
then never saw its result). They travel as ``{"$float": ...}`` objects instead.
"""

import json
import re

from server.db import get_db
from server.problems.bank import load
from server.services.attempts import create_invite, invite_for
from server.services.staff import add_screen
from tests.web.api_support import bearer, issue_token
from tests.web.candidate_walk import walk_candidate_endpoints
from tests.web.conftest import follow_progress, login

STARTER = load("stable-softmax").starter
TEXTBOOK = """import numpy as np


def log_softmax(logits):
    x = np.asarray(logits, dtype=float)
    return (x - np.log(np.sum(np.exp(x)))).tolist()
"""
NAN, MINUS_INFINITY = {"$float": "NaN"}, {"$float": "-Infinity"}


def strict_loads(text: str):
    def refuse(constant):
        raise AssertionError(f"{constant} is not JSON (RFC 8259): {text[:300]}")

    return json.loads(text, parse_constant=refuse)


def strict_json_of(response):
    """A response's JSON, parsed strictly; for an HTML page, each JSON script it embeds."""
    text = response.get_data(as_text=True)
    if response.mimetype == "application/json":
        return strict_loads(text)
    assert response.mimetype == "text/html", (response.request.path, response.mimetype)
    return [strict_loads(script) for script in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>',
                                                           text, re.S)]


def sse_data(text: str) -> list:
    return [strict_loads(line[len("data: "):]) for line in text.splitlines() if line.startswith("data: ")]


def softmax_invites(app, count: int) -> tuple[int, list[int], list[str]]:
    with app.app_context():
        screen = add_screen(get_db(), "Softmax", 30, ["stable-softmax"])
        tokens = [create_invite(get_db(), screen, f"Candidate {i}", f"c{i}@example.com", 3)[1] for i in range(count)]
        return screen.id, list(screen.problems), tokens


def test_a_run_of_the_starter_sends_strict_json_with_nan_inputs_tagged(app, client):
    _, versions, (token,) = softmax_invites(app, 1)
    api = f"/api/candidate/{token}"
    client.post(f"/invite/{token}/start")
    page = client.get(f"/invite/{token}/problem/0")
    examples = strict_json_of(page)[-1]
    assert examples[-1]["input"]["args"] == [[0.0, NAN]]
    queued = client.post(f"{api}/problems/{versions[0]}/run", json={"code": STARTER, "notes": ""})
    submission = strict_loads(queued.get_data(as_text=True))["id"]
    events = sse_data(follow_progress(client, token, submission))
    assert events[-1]["phase"] == "done"
    assert strict_json_of(client.get(f"{api}/submissions/{submission}/status"))["phase"] == "done"
    view = strict_json_of(client.get(f"{api}/submissions/{submission}"))
    assert view["verdict"] == "runtime_error"
    rows = {row["name"]: row for row in view["tests"]}
    assert rows["example_nan"]["input"] == {"args": [[0.0, NAN]], "raises": "ValueError"}


def test_a_screen_with_non_finite_results_sends_strict_json_to_candidates_and_staff(app, client, staff):
    screen_id, versions, (token,) = softmax_invites(app, 1)
    walk = walk_candidate_endpoints(client, token, versions, [TEXTBOOK])
    for response in walk.responses:
        strict_json_of(response)
    assert all(sse_data(text) for text in walk.progress)
    (view,) = walk.views()
    rows = {row["name"]: row for row in view["tests"]}
    assert rows["example_huge_logits"]["actual"] == [MINUS_INFINITY] * 3
    assert rows["example_nan"]["actual"] == [NAN, NAN]

    api = bearer(issue_token(app))
    with app.app_context():
        attempt_id = invite_for(get_db(), token)[1].id
    for path in ("/api/v1/screens", f"/api/v1/screens/{screen_id}/results", f"/api/v1/attempts/{attempt_id}",
                 f"/api/v1/attempts/{attempt_id}/report"):
        response = client.get(path, headers=api)
        assert response.status_code == 200, path
        strict_json_of(response)

    reviewer = app.test_client()
    login(reviewer, staff["reviewer"])
    strict_loads(reviewer.get(f"/review/screens/{screen_id}/results.json").get_data(as_text=True))
    page = reviewer.get(f"/review/submissions/{walk.submissions[0]}")
    strict_json_of(page)
    text = page.get_data(as_text=True)
    assert "[-Infinity, -Infinity, -Infinity]" in text and "[NaN, NaN]" in text  # people read them as Python writes
    assert "$float" not in text
