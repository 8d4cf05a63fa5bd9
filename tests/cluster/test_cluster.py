"""The cluster judges everything exactly once through worker crashes and a broker restart."""

import re
import time

from sqlmodel import Session, select

from server.db import make_engine
from server.models import Submission, SubmissionStatus
from tests.cluster.conftest import Candidate
from tests.conftest import FIXTURE_PROBLEMS

SOLUTION = (FIXTURE_PROBLEMS / "add-two" / "solution.py").read_text()


def judged_by(cluster, names) -> list[int]:
    """Every 'judged submission N' the workers logged: a submission saved twice would appear twice."""
    return [int(found) for name in names for found in re.findall(r"judged submission (\d+):", cluster.log(name))]


def wait_all_finished(database_url: str, ids: list[int], timeout: float) -> list[Submission]:
    engine = make_engine(database_url)
    ends = time.monotonic() + timeout
    try:
        while True:
            with Session(engine) as session:
                rows = session.exec(select(Submission).where(Submission.id.in_(ids))).all()
            if all(row.status in (SubmissionStatus.DONE, SubmissionStatus.ERROR) for row in rows) or \
                    time.monotonic() > ends:
                return rows
            time.sleep(0.5)
    finally:
        engine.dispose()


def test_twenty_submits_are_judged_once_each_through_a_killed_worker_and_a_redis_restart(
        cluster, redis_server, invites, cluster_environment):
    cluster.start_worker("w1")
    cluster.start_worker("w2")
    candidates = [Candidate(cluster.url, token) for token in invites]
    ids = []
    for n in range(20):
        ids.append(candidates[n % len(candidates)].submit(f"{SOLUTION}\n# variant {n}\n"))
        if n == 5:  # w1 is judging by now: kill it mid-job, as a crash would
            deadline = time.monotonic() + 60
            while "techscreen.judge_submission" not in cluster.log("w1") and time.monotonic() < deadline:
                time.sleep(0.1)
            cluster.kill("w1")
        if n == 12:
            redis_server.restart()

    rows = wait_all_finished(cluster_environment["DATABASE_URL"], ids, timeout=300)
    unfinished = {row.id: row.status.value for row in rows if row.status != SubmissionStatus.DONE}
    assert not unfinished, f"not judged: {unfinished}\n{cluster.log('w2')[-3000:]}"
    assert {row.verdict for row in rows} == {"accepted"}
    saved = judged_by(cluster, ["w1", "w2"])
    assert sorted(set(saved) & set(ids)) == sorted(ids)
    assert len(saved) == len(set(saved)), f"judged twice: {[i for i in set(saved) if saved.count(i) > 1]}"
    # Every candidate can read the verdict through the web tier.
    assert all(candidates[n % len(candidates)].status(submission)["phase"] == "done"
               for n, submission in enumerate(ids))


def test_jobs_running_while_postgresql_restarts_are_each_judged_once(
        cluster, postgres_server, invites, cluster_environment):
    cluster.start_worker("w1")
    cluster.start_worker("w2")
    candidates = [Candidate(cluster.url, token) for token in invites[:3]]
    ids = [candidate.submit(f"{SOLUTION}\n# before {n}\n") for n, candidate in enumerate(candidates)]
    deadline = time.monotonic() + 60
    while "techscreen.judge_submission" not in cluster.log("w1") + cluster.log("w2") and time.monotonic() < deadline:
        time.sleep(0.1)
    postgres_server.restart()
    ids += [candidate.submit(f"{SOLUTION}\n# after {n}\n") for n, candidate in enumerate(candidates)]

    rows = wait_all_finished(cluster_environment["DATABASE_URL"], ids, timeout=180)
    assert {row.id: row.verdict for row in rows} == dict.fromkeys(ids, "accepted")
    saved = judged_by(cluster, ["w1", "w2"])
    assert sorted(saved) == sorted(ids), "each judged exactly once"
