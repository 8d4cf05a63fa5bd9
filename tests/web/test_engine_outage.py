"""The Docker engine going away delays judging and never decides a verdict.

The judge reaches the real engine through an EngineProxy (tests/engine_proxy.py) that each test takes away
and brings back: submissions and Validate runs wait, the candidate is told, and once the engine answers
they are judged again from the start, whole.
"""

import gc
import time

import pytest
from sqlmodel import select

from server.db import get_db
from server.models import Submission, SubmissionStatus
from server.problems.bank import load
from server.services.authoring import create_problem
from server.services.judging import DELAYED
from server.services.staff import add_user
from tests.conftest import job_containers
from tests.web.conftest import PASSWORD, login, wait_done

SOLUTION = load("cosine-similarity").solution
NOTES = "## Approach\nOne pass accumulates the dot product and both squared norms.\n\nTime O(n), space O(1)."
# Keeps each test's run busy for a while, so that the job's container lives long enough to be cut.
SLOW_SOLUTION = SOLUTION + "\n\nWARM_UP = sum(i * i for i in range(2_000_000))\n"
PUBLIC_TESTS = 5
PATIENCE = 60

pytestmark = pytest.mark.sqlite_only  # each test judges through Docker (the judge queue runs on both in test_restart)


def started(client, invite):
    token, versions = invite
    assert client.post(f"/invite/{token}/start").status_code == 302
    return token, versions[0]


def send(client, token, version, kind, code, notes=""):
    response = client.post(f"/api/candidate/{token}/problems/{version}/{kind}", json={"code": code, "notes": notes})
    assert response.status_code == 202, response.get_json()
    return response.get_json()["id"]


def wait_until(condition, what, patience=PATIENCE):
    deadline = time.monotonic() + patience
    while not (found := condition()):
        assert time.monotonic() < deadline, f"waited {patience} s for {what}"
        time.sleep(0.02)
    return found


def settled_phase(app, submission_id):
    """The submission's phase once it has left the judge: delayed, done or error."""
    board = app.extensions["techscreen.progress"]
    return wait_until(lambda: (p := board.get(submission_id)) and p.phase in ("delayed", "done", "error")
                      and p.phase, f"submission {submission_id} to leave the judge")


def running_job_container(docker_client):
    return wait_until(lambda: job_containers(docker_client, status="running"), "a running job container")


def test_submissions_wait_while_the_engine_is_away_and_are_judged_when_it_answers(make_app, invite, engine_proxy):
    app = make_app()
    client = app.test_client()
    token, version = started(client, invite)
    ids = [send(client, token, version, "run", SOLUTION), send(client, token, version, "submit", SOLUTION, NOTES)]
    assert [settled_phase(app, i) for i in ids] == ["delayed", "delayed"]
    with app.app_context():
        assert {s.status for s in get_db().exec(select(Submission)).all()} == {SubmissionStatus.QUEUED}
    stream = client.get(f"/api/candidate/{token}/submissions/{ids[1]}/progress", buffered=False)
    chunks = iter(stream.response)
    shown = "".join(chunk.decode() if isinstance(chunk, bytes) else chunk for chunk in (next(chunks), next(chunks)))
    stream.close()
    assert DELAYED in shown  # what the candidate's page shows

    engine_proxy.open()
    run, submit = (wait_done(client, token, i) for i in ids)
    assert (run["status"], run["verdict"], run["passed"], run["total"]) == ("done", "accepted", PUBLIC_TESTS,
                                                                             PUBLIC_TESTS)
    assert submit["status"] == "done" and submit["verdict"] == "accepted"
    with app.app_context():  # the whole job ran again: tests, complexity and the score the reviewers read
        assert get_db().get(Submission, ids[1]).report["score"]["total"] > 70


def cut_mid_run(make_app, invite, engine_proxy, docker_client, cut):
    """A Run whose job container is running when ``cut(container id)`` breaks the engine; returns the finished
    run's view."""
    engine_proxy.open()
    app = make_app()
    client = app.test_client()
    token, version = started(client, invite)
    submission_id = send(client, token, version, "run", SLOW_SOLUTION)
    cut(running_job_container(docker_client)[0]["Id"])
    assert settled_phase(app, submission_id) == "delayed"
    if not engine_proxy.is_open:
        engine_proxy.open()
    return wait_done(client, token, submission_id)


# docker-py (7.1, transport/unixconn.py) drops the socket of a refused connect without closing it, and CPython
# warns when it collects it: the judge's calls after the engine went away meet that. Collected in this test.
@pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning")
@pytest.mark.usefixtures("no_leftover_containers")
def test_a_run_cut_off_by_the_engine_going_away_is_judged_again_whole(make_app, invite, engine_proxy,
                                                                     docker_client):
    view = cut_mid_run(make_app, invite, engine_proxy, docker_client, lambda _: engine_proxy.close())
    assert (view["status"], view["verdict"], view["passed"], view["total"]) == ("done", "accepted", PUBLIC_TESTS,
                                                                                PUBLIC_TESTS)
    gc.collect()


@pytest.mark.usefixtures("no_leftover_containers")
def test_a_run_whose_output_is_cut_off_while_the_engine_answers_is_judged_again_whole(make_app, invite,
                                                                                     engine_proxy, docker_client):
    # the job's stream breaks; the engine itself keeps answering
    view = cut_mid_run(make_app, invite, engine_proxy, docker_client, lambda _: engine_proxy.cut())
    assert (view["status"], view["verdict"], view["passed"], view["total"]) == ("done", "accepted", PUBLIC_TESTS,
                                                                                PUBLIC_TESTS)


@pytest.mark.usefixtures("no_leftover_containers")
def test_a_run_whose_container_the_engine_kills_is_judged_again_whole(make_app, invite, engine_proxy,
                                                                     docker_client):
    # what a stopping engine does to the containers it runs
    view = cut_mid_run(make_app, invite, engine_proxy, docker_client, docker_client.api.kill)
    assert (view["status"], view["verdict"], view["passed"], view["total"]) == ("done", "accepted", PUBLIC_TESTS,
                                                                                PUBLIC_TESTS)


def test_a_validate_run_waits_while_the_engine_is_away(make_app, engine_proxy):
    app = make_app()
    with app.app_context():
        add_user(get_db(), "author@example.com", "Author", "author", PASSWORD)
        create_problem(get_db(), "count-things", "Count things", None)
    author = app.test_client()
    login(author, "author@example.com")
    assert author.post("/author/count-things/validate", json={}).status_code == 202

    def validation(settled):
        found = author.get("/author/count-things/validate").get_json()
        return found if settled(found["progress"]) else None

    delayed = wait_until(lambda: validation(lambda p: p["status"] != "running" or p["phase"] == "delayed"),
                         "the run to be delayed or end")
    assert (delayed["progress"]["status"], delayed["progress"]["phase"]) == ("running", "delayed"), delayed
    engine_proxy.open()
    ended = wait_until(lambda: validation(lambda p: p["status"] != "running"), "the run to end", patience=240)
    assert ended["validation"] == "passed", ended
