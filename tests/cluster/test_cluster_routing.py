"""Where the cluster's jobs go: Submits ahead of Runs, away from a worker whose engine is gone, Validates to
workers too; and what happens to a submit while the broker is away."""

import itertools
import time

import redis

from server.app import close_app, create_app
from server.db import get_db
from server.services.staff import add_user
from tests.cluster.conftest import Candidate
from tests.cluster.test_cluster import SOLUTION, wait_all_finished
from tests.web.conftest import PASSWORD, login
from tests.web.test_authoring import create, validate


def follow_progress(candidate: Candidate, submission_id: int, timeout: float = 120) -> str:
    """The progress streams' text until judging ends, reconnecting as a browser does."""
    text, ends = "", time.monotonic() + timeout
    while time.monotonic() < ends:
        with candidate.http.get(candidate.api(f"/submissions/{submission_id}/progress"), stream=True,
                                timeout=60) as stream:
            assert stream.headers["Content-Type"].startswith("text/event-stream"), stream.text[:300]
            text += stream.text
        if '"phase": "done"' in text or '"phase": "error"' in text:
            return text
    raise AssertionError(f"judging did not finish: {text[-500:]}")


def test_a_submit_goes_ahead_of_runs_queued_before_it(cluster, invites, cluster_environment):
    first, second = Candidate(cluster.url, invites[0]), Candidate(cluster.url, invites[1])
    runs = [first.submit(f"{SOLUTION}\n# run {n}\n", kind="run") for n in range(3)]
    submit = second.submit(SOLUTION)
    cluster.start_worker("w1")
    rows = {row.id: row for row in wait_all_finished(cluster_environment["DATABASE_URL"], [*runs, submit], 120)}
    assert all(row.verdict == "accepted" for row in rows.values()), rows
    assert rows[submit].started_at < min(rows[run].started_at for run in runs)
    ordered = sorted(runs, key=lambda run: rows[run].started_at)
    assert all(rows[a].finished_at <= rows[b].started_at for a, b in itertools.pairwise(ordered)), \
        "two jobs of one attempt ran at once"


def test_a_worker_without_an_engine_hands_the_job_to_another(cluster, invites, cluster_environment, tmp_path):
    candidate = Candidate(cluster.url, invites[0])
    cluster.environment["DOCKER_HOST"] = f"unix://{tmp_path}/no-engine.sock"
    cluster.start_worker("engineless")
    del cluster.environment["DOCKER_HOST"]
    submission = candidate.submit(SOLUTION)
    deadline = time.monotonic() + 60
    while "handed back" not in cluster.log("engineless") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert candidate.status(submission)["phase"] == "delayed"
    cluster.start_worker("healthy")
    progress = follow_progress(candidate, submission)
    assert '"phase": "done"' in progress
    [row] = wait_all_finished(cluster_environment["DATABASE_URL"], [submission], 60)
    assert row.verdict == "accepted"
    assert f"judged submission {submission}:" in cluster.log("healthy")
    assert "judged submission" not in cluster.log("engineless")


def test_a_submit_made_while_redis_is_down_is_kept_and_judged_once_it_is_back(
        cluster, redis_server, invites, cluster_environment):
    cluster.start_worker("w1")
    candidate = Candidate(cluster.url, invites[0])
    redis_server.stop()
    submission = candidate.submit(SOLUTION)  # the row is committed; the broker is not there to take the task
    assert "could not send Submission" in cluster.log("web")
    redis_server.start()
    [row] = wait_all_finished(cluster_environment["DATABASE_URL"], [submission], 90)
    assert row.verdict == "accepted"
    assert "sweep sent 1 jobs again" in cluster.log("w1")


def test_validate_runs_on_a_worker(cluster, cluster_environment):
    cluster.start_worker("w1")
    app = create_app({"INSTANCE_PATH": cluster_environment["TECHSCREEN_INSTANCE"], "RECOVER_WORK": False,
                      "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    try:
        with app.app_context():
            add_user(get_db(), "author@example.com", "Author", "author", PASSWORD)
        client = app.test_client()
        login(client, "author@example.com")
        create(client)
        status = validate(client)
    finally:
        close_app(app)
    assert status["progress"]["status"] == "done", status
    assert "techscreen.validate_problem" in cluster.log("w1")


def test_an_attempts_limits_hold_across_the_web_processes(cluster, invites, redis_server):
    """30 autosaves a minute per attempt and problem, counted in Redis: the 31st is refused whichever process
    serves it (each on a new connection, so both processes take some)."""
    candidate = Candidate(cluster.url, invites[0])
    statuses = [candidate.http.post(candidate.api(f"/problems/{candidate.version}/draft"), timeout=30,
                                    json={"code": f"# {n}", "notes": ""}, headers={"Connection": "close"}).status_code
                for n in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429
    assert redis.Redis.from_url(redis_server.url).keys("LIMITS*"), "the limits are not counted in Redis"
