"""No candidate-facing response ever carries a hidden test's input, expected output, logs, verdict or time.

Hidden tests reach candidates as counts only: a row per hidden test (its
verdict, its CPU time, even its number) is a side channel that decodes hidden
inputs one submission at a time.
"""

import json
import re

import pytest

from server.db import get_db
from server.models import Submission
from server.problems.bank import load
from tests.web.candidate_walk import walk_candidate_endpoints

PROBLEMS = ("cosine-similarity", "moving-average")
TESTS_PHASE = {"phase": "tests", "fraction": 0.1, "message": "Running the tests in the sandbox"}


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


def per_test_hidden_data(value, where="response") -> list[str]:
    """Where a JSON value holds something about one hidden test: a row, a verdict, a time."""
    found = []
    if isinstance(value, dict):
        if value.get("visibility") == "hidden" or "time_ms" in value and value.get("visibility") != "public":
            found.append(f"{where}: {value}")
        for key, item in value.items():
            found += per_test_hidden_data(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += per_test_hidden_data(item, f"{where}[{index}]")
    return found


@pytest.mark.sqlite_only
def test_every_candidate_endpoint_keeps_hidden_data_hidden(app, client, invite):
    token, versions = invite
    # A submission that prints its inputs and fails, so stdout and actual values would carry hidden data.
    leaky = "def cosine_similarity(a, b):\n    print(a, b)\n    return sum(a) * 1e-3\n"
    walk = walk_candidate_endpoints(client, token, versions, [leaky, load(PROBLEMS[1]).solution])
    for view, events in zip(walk.views(), walk.streams(), strict=True):
        assert per_test_hidden_data(view) == []
        assert {test["visibility"] for test in view["tests"]} == {"public"}
        assert view["hidden"]["total"] > 0  # hidden tests are reported as counts
        # Progress as each test finished would time every hidden test: a submit's stream moves by phase only
        # (a stream reaching its lifetime repeats the current phase once to the reconnected browser).
        assert {json.dumps(event) for event in events if event["phase"] == "tests"} == {json.dumps(TESTS_PHASE)}
    with app.app_context():
        reports = [get_db().get(Submission, submission).report for submission in walk.submissions]
    text = walk.text()
    leaked = [f for problem in PROBLEMS for f in hidden_fingerprints(problem) if f in text]
    assert leaked == []
    # Actual values, logs and the reference's expected values of generated cases (the leaky code fails those).
    assert any("expected" in detail for detail in reports[0]["details"].values())
    assert [f for report in reports for f in detail_fingerprints(report) if f in text] == []
    assert re.search(r"hidden test \d", text) is None  # not even by number
