"""No candidate-facing response ever carries a hidden test's input, expected output or logs."""

import json

from server.db import get_db
from server.models import Submission
from server.problems.bank import load
from tests.web.conftest import follow_progress

PROBLEMS = ("cosine-similarity", "moving-average")
PRINTS_INPUT = "import sys\n{body}\n"


def hidden_fingerprints(problem_id: str) -> set[str]:
    """JSON fragments of hidden cases that no public case or statement contains."""
    package = load(problem_id)
    public = package.statement + package.starter + json.dumps([c.model_dump() for c in package.public_cases])
    fragments = set()
    for case in package.hidden_cases:
        for value in (case.args, case.init, case.calls, case.expected):
            text = json.dumps(value, default=lambda v: v.model_dump())
            if value is not None and len(text) >= 16 and text not in public:
                fragments.add(text[:200])
        if len(case.name) >= 10 and case.name not in public:
            fragments.add(case.name)
    return fragments


def detail_fingerprints(report: dict) -> set[str]:
    """JSON fragments of what the saved report's details hold for hidden tests (staff only) and for no public one."""
    fragments = {"hidden": set(), "public": set()}
    for test in report["tests"]:
        fragments[test["visibility"]] |= {text[:200] for value in report["details"][test["name"]].values()
                                          if len(text := json.dumps(value)) >= 16}
    return fragments["hidden"] - fragments["public"]


def test_every_candidate_endpoint_keeps_hidden_data_hidden(app, client, invite):
    token, versions = invite
    pages, streamed, reports = [client.get(f"/invite/{token}")], [], []
    client.post(f"/invite/{token}/start")
    # A submission that prints its inputs and fails, so stdout and actual values would carry hidden data.
    leaky = "def cosine_similarity(a, b):\n    print(a, b)\n    return sum(a) * 1e-3\n"
    for index, version in enumerate(versions):
        pages.append(client.get(f"/invite/{token}/problem/{index}"))
        code = leaky if index == 0 else load(PROBLEMS[1]).solution
        queued = client.post(f"/api/candidate/{token}/problems/{version}/submit", json={"code": code, "notes": ""})
        submission = queued.get_json()["id"]
        streamed.append(follow_progress(client, token, submission))
        pages.append(client.get(f"/api/candidate/{token}/submissions/{submission}/status"))
        pages.append(client.get(f"/api/candidate/{token}/submissions/{submission}"))
        with app.app_context():
            reports.append(get_db().get(Submission, submission).report)
        pages.append(client.post(f"/api/candidate/{token}/problems/{version}/lint", json={"code": code}))
    pages.append(client.post(f"/invite/{token}/finish", follow_redirects=True))
    text = "\n".join([page.get_data(as_text=True) for page in pages] + streamed)
    leaked = [f for problem in PROBLEMS for f in hidden_fingerprints(problem) if f in text]
    assert leaked == []
    # Actual values, logs and the reference's expected values of generated cases (the leaky code fails those).
    assert any("expected" in detail for detail in reports[0]["details"].values())
    assert [f for report in reports for f in detail_fingerprints(report) if f in text] == []
    assert "hidden test 1" in text  # hidden tests are reported, by number only
