"""Candidates' answers to question items: saved as typed (the latest stands), scored when read.

An answer names options by their authored index, whatever order the candidate
saw them in, so shuffling never changes what an answer means. Scores are
computed from the pinned item version each time they are shown
(``server.scoring.questions``); only the attempt's fluency component is kept,
for SQL to sort on (``results.record_fluency``, called whenever an answer changes).
"""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from server.errors import TechscreenError
from server.models import Attempt, QuestionAnswer, utcnow
from server.questions.item import MAX_ANSWER_CHARS, QuestionItem


class AnswerRejected(TechscreenError):
    """An answer that does not fit its question (an unknown option, two options for a single answer...)."""


def answers_of(session: Session, attempt_id: int) -> dict[int, QuestionAnswer]:
    """The attempt's answers by question version id."""
    return {answer.problem_version_id: answer for answer in session.exec(
        select(QuestionAnswer).where(QuestionAnswer.attempt_id == attempt_id))}


def answer_of(session: Session, attempt_id: int, version_id: int) -> QuestionAnswer | None:
    return session.exec(select(QuestionAnswer).where(QuestionAnswer.attempt_id == attempt_id,
                                                     QuestionAnswer.problem_version_id == version_id)).first()


def save_answer(session: Session, attempt: Attempt, version_id: int, item: QuestionItem, choices,
                text) -> QuestionAnswer:
    """Store the candidate's answer to the item (replacing the previous one).

    Raises:
        AnswerRejected: ``choices`` are not distinct option indexes of the item (at most one for a single
            answer, none for a written one), or ``text`` is not a string of at most ``MAX_ANSWER_CHARS``.
    """
    if not isinstance(choices, list) or not all(type(choice) is int for choice in choices):
        raise AnswerRejected("'choices' must be a list of option numbers")
    if len(set(choices)) != len(choices) or not all(0 <= choice < len(item.options) for choice in choices):
        raise AnswerRejected("'choices' names an option the question does not have, or one twice")
    if item.format == "single" and len(choices) > 1:
        raise AnswerRejected("this question takes one option")
    if not isinstance(text, str) or len(text) > MAX_ANSWER_CHARS:
        raise AnswerRejected(f"'text' must be a string of at most {MAX_ANSWER_CHARS} characters")
    if item.format != "written" and text:
        raise AnswerRejected("this question is answered by choosing options, not in writing")
    return _stored(session, attempt.id, version_id, choices=sorted(choices), text=text, saved_at=utcnow())


def set_reviewer_score(session: Session, attempt_id: int, version_id: int, score: float | None,
                       reviewer_id: int) -> QuestionAnswer:
    """A reviewer's score (0-100) for a written answer, or None to fall back on the rubric's.

    Raises:
        AnswerRejected: The score is outside 0-100.
    """
    if score is not None and not 0 <= score <= 100:
        raise AnswerRejected("a reviewer's score is between 0 and 100")
    return _stored(session, attempt_id, version_id, reviewer_score=score, reviewed_by=reviewer_id,
                   reviewed_at=utcnow())


def _stored(session: Session, attempt_id: int, version_id: int, **fields) -> QuestionAnswer:
    """The item's answer with ``fields`` set, saved. Two first saves at once both find no row; the UNIQUE on
    (attempt, item) refuses the later insert, which then updates the row the earlier one made."""
    try:
        return _upserted(session, attempt_id, version_id, fields)
    except IntegrityError:
        session.rollback()
        return _upserted(session, attempt_id, version_id, fields)


def _upserted(session: Session, attempt_id: int, version_id: int, fields: dict) -> QuestionAnswer:
    answer = answer_of(session, attempt_id, version_id) or QuestionAnswer(attempt_id=attempt_id,
                                                                          problem_version_id=version_id)
    for name, value in fields.items():
        setattr(answer, name, value)
    session.add(answer)
    session.commit()
    return answer
