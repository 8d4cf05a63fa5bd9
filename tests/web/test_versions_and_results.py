"""Numbered problem versions, the bank sync leaving authored problems alone, and an attempt's results."""

import shutil

from sqlmodel import select

from server.db import get_db
from server.models import (
    Attempt,
    AttemptState,
    AuthoredProblem,
    Decision,
    ProblemFiles,
    ProblemVersion,
    Scorecard,
    Submission,
    SubmissionStatus,
    User,
    utcnow,
)
from server.problems.bank import REPOSITORY_BANK
from server.services.problem_store import sync_bank
from server.services.results import attempt_result


def _versions(problem_id):
    return get_db().exec(select(ProblemVersion).where(ProblemVersion.problem_id == problem_id)
                         .order_by(ProblemVersion.number)).all()


def test_a_changed_bank_package_becomes_the_next_numbered_version(app, tmp_path, monkeypatch):
    bank = tmp_path / "bank"
    shutil.copytree(REPOSITORY_BANK / "cosine-similarity", bank / "cosine-similarity")
    monkeypatch.setenv("TECHSCREEN_PROBLEMS", str(bank))
    with app.app_context():
        sync_bank(get_db())
        first = [(v.number, v.current) for v in _versions("cosine-similarity")]
        statement = bank / "cosine-similarity" / "statement.md"
        statement.write_text(statement.read_text() + "\nOne more sentence.\n")
        sync_bank(get_db())
        versions = _versions("cosine-similarity")
    assert first == [(1, True)]
    assert [(v.number, v.current, v.source) for v in versions] == [(1, False, "bank"), (2, True, "bank")]


def test_the_bank_sync_neither_replaces_nor_retires_an_authored_problem(app, tmp_path, monkeypatch):
    with app.app_context():
        session = get_db()
        version = _versions("moving-average")[-1]
        session.add(AuthoredProblem(problem_id="moving-average", files=session.get(ProblemFiles, version.id).files))
        session.commit()
        monkeypatch.setenv("TECHSCREEN_PROBLEMS", str(tmp_path / "empty-bank"))
        sync_bank(session)
        still = _versions("moving-average")[-1]
        retired = _versions("cosine-similarity")[-1]
    assert (still.id, still.current) == (version.id, True)
    assert retired.current is False


def _submission(session, attempt, version_id, score, kind="submit", status=SubmissionStatus.DONE):
    row = Submission(attempt_id=attempt.id, problem_version_id=version_id, kind=kind, code="", notes="",
                     code_hash=f"{attempt.id}-{version_id}-{score}-{kind}", status=status, verdict="accepted",
                     score=score, band="hire")
    session.add(row)
    session.commit()
    return row


def test_an_attempt_is_scored_on_each_problem_s_last_judged_submit(app, invite):
    token, (cosine, moving) = invite
    with app.app_context():
        session = get_db()
        attempt = session.exec(select(Attempt)).one()
        _submission(session, attempt, cosine, 40.0)
        final = _submission(session, attempt, cosine, 90.0)
        _submission(session, attempt, cosine, None, status=SubmissionStatus.QUEUED)
        _submission(session, attempt, cosine, 10.0, kind="run")
        result = attempt_result(session, attempt)
    assert [p.final.id if p.final else None for p in result.problems] == [final.id, None]
    assert [(p.submits, p.runs) for p in result.problems] == [(3, 1), (0, 0)]
    assert result.total == 45.0  # the unsubmitted problem counts 0
    assert result.band is None  # not finished: no band yet
    assert result.as_json()["problems"][0]["final_submission"]["score"] == 90.0
    with app.app_context():
        session = get_db()
        attempt = session.exec(select(Attempt)).one()
        attempt.state = AttemptState.FINISHED
        finished = attempt_result(session, attempt)
    assert finished.band == "no" and finished.as_json()["problems"][0]["final_submission"]["band"] == "hire"


def test_only_submitted_scorecards_count_towards_the_summary(app, invite, staff):
    with app.app_context():
        session = get_db()
        attempt = session.exec(select(Attempt)).one()
        users = {u.role.value: u for u in session.exec(select(User))}
        session.add(Scorecard(attempt_id=attempt.id, reviewer_id=users["reviewer"].id, decision=Decision.YES,
                              ratings={"problem_solving": {"score": 3, "notes": ""}}, submitted_at=utcnow()))
        session.add(Scorecard(attempt_id=attempt.id, reviewer_id=users["admin"].id, decision=Decision.STRONG_NO,
                              ratings={"problem_solving": {"score": 1, "notes": ""}}))
        session.commit()
        result = attempt_result(session, attempt)
    assert result.total is None and result.band is None
    assert result.reviewed
    assert result.scorecards.decisions == {"yes": 1}
    assert result.scorecards.mean_ratings["problem_solving"] == 3.0
    assert result.scorecards.mean_ratings["ml_fluency"] is None
