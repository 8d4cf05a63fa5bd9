"""Similarity flagging keeps its cost per submit flat as a problem's attempts grow (a hiring wave).

A final submit is compared with every other attempt's final submit at the
problem. That comparison must not tokenize the given code again for each pair,
nor read each other submission with a query of its own: with hundreds of
candidates on one problem either would cost more than judging the submit.
Rows are inserted; nothing is judged.
"""

import random

import pytest
from sqlalchemy import event
from sqlmodel import select

from server.db import get_db
from server.models import Attempt, Screen, Submission, SubmissionStatus
from server.review import similarity
from server.review.flagging import flag_submission
from server.services.attempts import create_invite


def distinct_code(seed: int) -> str:
    """A function whose token stream shares no 12-gram with another seed's: no pair is flagged."""
    operators = random.Random(seed).choices(["+", "-", "*", "/", "%", "//", "&", "|", "^", "<<"], k=40)
    return "def cosine_similarity(a, b):\n    return a " + " ".join(f"{op} b" for op in operators) + "\n"


def submit_from_new_candidates(app, version_id: int, count: int, first: int) -> list[int]:
    """``count`` new attempts at the invite's screen, each with one judged submit of distinct code: their ids."""
    with app.app_context():
        session = get_db()
        screen = session.exec(select(Screen)).one()
        ids = []
        for number in range(first, first + count):
            created, _ = create_invite(session, screen, f"C{number}", f"c{number}@example.com", 3)
            attempt = session.exec(select(Attempt).where(Attempt.invite_id == created.id)).one()
            code = distinct_code(number)
            submission = Submission(attempt_id=attempt.id, problem_version_id=version_id, kind="submit", code=code,
                                    notes="", code_hash=f"h{number}", status=SubmissionStatus.DONE,
                                    verdict="accepted")
            session.add(submission)
            session.commit()
            ids.append(submission.id)
        return ids


def flagging_cost(app, submission_id: int, monkeypatch) -> tuple[int, list[str]]:
    """The number of SQL statements flagging ``submission_id`` ran, and the codes it tokenized."""
    tokenized = []
    original = similarity.normalised_tokens
    monkeypatch.setattr(similarity, "normalised_tokens", lambda code: tokenized.append(code) or original(code))
    statements = []
    with app.app_context():
        session = get_db()
        listener = lambda *args: statements.append(args[2])  # noqa: E731 - the statement text
        event.listen(session.get_bind(), "before_cursor_execute", listener)
        try:
            flag_submission(session, submission_id, app.instance_path)
        finally:
            event.remove(session.get_bind(), "before_cursor_execute", listener)
    return len(statements), tokenized


def test_flagging_reads_and_tokenizes_a_fixed_amount_whatever_the_number_of_other_attempts(app, invite,
                                                                                          monkeypatch):
    version_id = invite[1][0]
    few = submit_from_new_candidates(app, version_id, 3, first=0)
    flagging_cost(app, few[-2], monkeypatch)  # the first flagging also materialises the problem's package
    statements_few, _ = flagging_cost(app, few[-1], monkeypatch)
    many = submit_from_new_candidates(app, version_id, 12, first=3)
    statements_many, tokenized = flagging_cost(app, many[-1], monkeypatch)
    assert statements_many == statements_few  # the other attempts' submits are read in one statement
    with app.app_context():
        new_codes = get_db().exec(select(Submission.code).where(Submission.id.in_(many))).all()
    # each code this process had not seen yet, once: the given code and the first three were fingerprinted
    assert sorted(tokenized) == sorted(new_codes)


@pytest.fixture(autouse=True)
def _fresh_fingerprints():
    """Each test starts with nothing fingerprinted in this process."""
    cache_clear = getattr(similarity.fingerprints, "cache_clear", None)
    if cache_clear:
        cache_clear()
