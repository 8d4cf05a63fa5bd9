"""What the workspace's Run shows a candidate: each public test as the call it makes, what the code printed, and
why a closed screen refuses more work (time up, or finished by the candidate)."""

import pytest

from tests.web.conftest import wait_done
from tests.web.test_candidate import api, started

PRINTING = "def cosine_similarity(a, b):\n    print('looking at', len(a), 'values')\n    return 0.0\n"


@pytest.mark.sqlite_only
def test_a_run_shows_each_tests_call_and_what_the_code_printed(client, invite):
    token, versions = started(client, invite)
    queued = client.post(api(token, f"/problems/{versions[0]}/run"), json={"code": PRINTING, "notes": ""}).get_json()
    view = wait_done(client, token, queued["id"])
    basic = next(test for test in view["tests"] if test["name"] == "example_basic")
    assert basic["text"]["input"] == "cosine_similarity([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])"
    assert basic["stdout"] == "looking at 3 values\n"


def test_after_finishing_early_the_candidate_is_told_so_not_that_time_is_up(client, invite):
    token, versions = started(client, invite)
    assert client.post(f"/invite/{token}/finish").status_code == 302
    refused = client.post(api(token, f"/problems/{versions[0]}/draft"), json={"code": "x = 1", "notes": ""})
    message = refused.get_json()["message"]
    assert refused.status_code == 409 and "You finished the screen" in message and "Time is up" not in message


@pytest.mark.sqlite_only
def test_a_run_on_the_candidates_own_input_shows_what_the_code_returned_and_printed(client, invite):
    token, versions = started(client, invite)
    url = api(token, f"/problems/{versions[0]}/run")
    queued = client.post(url, json={"code": PRINTING, "notes": "", "input": "[3.0, 4.0], [3.0, 4.0]"}).get_json()
    view = wait_done(client, token, queued["id"])
    assert view["own_input"] is True and view["verdict"] == "accepted" and len(view["tests"]) == 1
    (row,) = view["tests"]
    assert row["name"] == "your-input" and "expected" not in row["input"]
    assert row["text"]["input"] == "cosine_similarity([3.0, 4.0], [3.0, 4.0])"
    assert (row["text"]["actual"], row["stdout"]) == ("0.0", "looking at 2 values\n")
    raising = client.post(url, json={"code": PRINTING.replace("return 0.0", "raise KeyError('k')"), "notes": "",
                                     "input": "[1.0], [2.0]"}).get_json()
    view = wait_done(client, token, raising["id"])
    assert view["verdict"] == "runtime_error" and view["tests"][0]["raised"]["type"] == "KeyError"
    again = client.post(url, json={"code": PRINTING, "notes": "", "input": "[3.0, 4.0], [3.0, 4.0]"}).get_json()
    assert again == {"id": queued["id"], "repeated": True}  # the same code on the same input: judged once


def test_own_input_that_is_not_the_problems_format_is_refused_with_why(client, invite):
    token, versions = started(client, invite)
    url = api(token, f"/problems/{versions[0]}/run")
    refused = client.post(url, json={"code": PRINTING, "notes": "", "input": "[1, 2], oops"})
    message = refused.get_json()["message"]
    assert refused.status_code == 400 and "not JSON" in message and "separated by commas" in message
    typed = client.post(url, json={"code": PRINTING, "notes": "",
                                   "input": '{"$ndarray": {"dtype": "float64", "shape": [3], "data": [1.0]}}'})
    assert typed.status_code == 400 and "Your input cannot be run" in typed.get_json()["message"]
    assert client.post(url, json={"code": PRINTING, "notes": "", "input": 5}).status_code == 400


def test_own_input_with_a_too_long_integer_is_refused_with_why(client, invite):
    """Python refuses to read an integer of more than 4300 digits (a ValueError, not a JSONDecodeError)."""
    token, versions = started(client, invite)
    refused = client.post(api(token, f"/problems/{versions[0]}/run"),
                          json={"code": PRINTING, "notes": "", "input": "[1.0], [" + "9" * 5000 + "]"})
    assert refused.status_code == 400 and "more than 4300 digits" in refused.get_json()["message"]
