"""A judge's hold on a job: taken by one judge only, one running job per attempt, lapsing with its judge."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import Session

from server.db import engine_of, get_db
from server.models import Submission, SubmissionStatus
from server.services import leases
from server.services.attempts import invite_for


@pytest.fixture
def engine(app):
    return engine_of(app)


@pytest.fixture
def queued(app, invite):
    """``make(n)``: n queued submissions of the invite's attempt (never sent to the app's judge)."""
    token, versions = invite

    def make(count: int) -> list[int]:
        with app.app_context():
            session = get_db()
            _, attempt, _ = invite_for(session, token)
            rows = [Submission(attempt_id=attempt.id, problem_version_id=versions[0], kind="run", code="x = 1",
                               notes="", code_hash=f"h{n}") for n in range(count)]
            session.add_all(rows)
            session.commit()
            return [row.id for row in rows]

    return make


def status(engine, submission_id: int) -> Submission:
    with Session(engine) as session:
        return session.get(Submission, submission_id)


def test_a_job_is_taken_by_one_judge_of_many_racing_for_it(engine, queued):
    [job] = queued(1)
    with ThreadPoolExecutor(8) as pool:
        taken = list(pool.map(lambda n: leases.claim(engine, Submission, job, f"judge-{n}"), range(8)))
    assert taken.count(True) == 1
    assert status(engine, job).claimed_by == f"judge-{taken.index(True)}"


def test_an_attempt_runs_one_job_at_a_time_even_when_judges_race(engine, queued):
    jobs = queued(6)
    with ThreadPoolExecutor(6) as pool:
        taken = list(pool.map(lambda job: leases.claim(engine, Submission, job, f"judge-{job}"), jobs))
    assert taken.count(True) == 1
    running = jobs[taken.index(True)]
    with Session(engine) as session:
        row = leases.holds(session, Submission, running, f"judge-{running}")
        row.status = SubmissionStatus.DONE
        session.commit()
    following = [job for job in jobs if job != running]
    assert leases.claim(engine, Submission, following[0], "next")


def test_a_lapsed_lease_passes_to_another_judge_and_the_first_cannot_save(engine, queued):
    [job] = queued(1)
    assert leases.claim(engine, Submission, job, "slow", lease_seconds=0.2)
    assert not leases.claim(engine, Submission, job, "other", lease_seconds=0.2)
    time.sleep(0.3)
    assert leases.claim(engine, Submission, job, "other", lease_seconds=0.2)
    with Session(engine) as session:
        assert leases.holds(session, Submission, job, "slow") is None
        assert leases.holds(session, Submission, job, "other").id == job


def test_a_beating_judge_keeps_its_job(engine, queued):
    [job] = queued(1)
    assert leases.claim(engine, Submission, job, "alive", lease_seconds=0.3)
    with leases.beating(engine, Submission, job, "alive", lease_seconds=0.3):
        time.sleep(0.8)
        assert not leases.claim(engine, Submission, job, "other", lease_seconds=0.3)


def test_a_released_job_is_queued_again_and_a_done_one_is_never_taken(engine, queued):
    first, second = queued(2)
    assert leases.claim(engine, Submission, first, "judge")
    assert leases.release(engine, Submission, first, "judge")
    assert status(engine, first).status == SubmissionStatus.QUEUED
    assert not leases.release(engine, Submission, first, "judge")
    assert leases.claim(engine, Submission, first, "judge-2")
    with Session(engine) as session:
        row = leases.holds(session, Submission, first, "judge-2")
        row.status = SubmissionStatus.DONE
        session.commit()
    assert not leases.claim(engine, Submission, first, "judge-3")
    assert leases.claim(engine, Submission, second, "judge-3")
