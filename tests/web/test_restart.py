"""A submission left queued or running by a crash is judged when the server starts again."""

from sqlmodel import select

from server.db import get_db
from server.models import Attempt, Submission, SubmissionStatus
from server.problems.bank import load
from server.services.attempts import start
from server.services.judge_queue import code_hash
from server.services.staff import add_screen
from tests.web.conftest import wait_done


def test_interrupted_submissions_are_judged_after_a_restart(make_app, invite):
    token, versions = invite
    crashed = make_app(RECOVER_SUBMISSIONS=False)
    with crashed.app_context():
        session = get_db()
        attempt = session.exec(select(Attempt)).one()
        start(session, attempt, add_screen(session, "unused", 30, ["cosine-similarity"]))
        code = load("cosine-similarity").solution
        for status in (SubmissionStatus.QUEUED, SubmissionStatus.RUNNING):
            session.add(Submission(attempt_id=attempt.id, problem_version_id=versions[0], kind="run", code=code,
                                   notes="", code_hash=code_hash("run", versions[0], code, status.value),
                                   status=status))
        session.commit()
        ids = [s.id for s in session.exec(select(Submission)).all()]
    restarted = make_app()
    client = restarted.test_client()
    views = [wait_done(client, token, submission_id) for submission_id in ids]
    assert [v["verdict"] for v in views] == ["accepted", "accepted"]
