"""A submit's test verdict reaches the candidate as soon as the tests end; complexity and score follow."""

import time

from server.problems.bank import load
from server.services import judging
from tests.web.conftest import wait_done

SOLUTION = load("cosine-similarity").solution


def test_the_test_verdict_is_shown_while_complexity_is_still_being_measured(client, invite):
    token, versions = invite
    client.post(f"/invite/{token}/start")
    api = f"/api/candidate/{token}"
    queued = client.post(f"{api}/problems/{versions[0]}/submit", json={"code": SOLUTION, "notes": ""})
    submission = queued.get_json()["id"]
    deadline = time.monotonic() + 120
    while (phase := client.get(f"{api}/submissions/{submission}/status").get_json()["phase"]) != "complexity":
        assert phase not in ("done", "error") and time.monotonic() < deadline, f"no complexity phase: {phase}"
        time.sleep(0.05)
    early = client.get(f"{api}/submissions/{submission}").get_json()
    assert early["status"] == "running"
    assert early["verdict"] == "accepted" and early["passed"] == early["total"] > 0
    assert early["hidden"]["total"] > 0 and "score" not in early
    final = wait_done(client, token, submission)
    assert final["status"] == "done" and final["verdict"] == "accepted"


def test_each_test_s_values_are_sized_for_the_report_once(client, invite, monkeypatch):
    """The early verdict and the final report carry the same test details: worked out once (sizing a
    performance test's value means encoding megabytes of JSON)."""
    sized = []
    original = judging._kept
    monkeypatch.setattr(judging, "_kept", lambda key, value: sized.append(key) or original(key, value))
    token, versions = invite
    client.post(f"/invite/{token}/start")
    api = f"/api/candidate/{token}"
    submission = client.post(f"{api}/problems/{versions[0]}/submit", json={"code": SOLUTION, "notes": ""}).get_json()
    final = wait_done(client, token, submission["id"])
    assert final["status"] == "done" and final["total"] > 0
    assert sized.count("actual") == final["total"]
