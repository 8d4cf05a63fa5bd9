"""Scorecards: each reviewer's rubric and decision on an attempt, and who may see whose.

A reviewer saves a draft as often as they like, then submits it; a submitted
scorecard is final. Other reviewers' scorecards (and their aggregate) are
shown to anyone, admins included, only once their own is submitted, so nobody
anchors on a colleague's decision. The one rule has no exception because an
exception would be a way round it: an admin who read the others first could
still write a scorecard. The integration API (for the applicant-tracking
system, not a person) gets the aggregate of the submitted ones.
"""

import dataclasses

from sqlmodel import Session, select

from server.models import RUBRIC, Decision, Scorecard, User, utcnow
from server.services import integration_events

SCORES = (1, 2, 3, 4)
SCORE_TEXTS = {str(score): score for score in SCORES}
# What each point of the 1-4 scale means, the same for every rubric line, so reviewers rate alike.
SCALE = {1: ("Weak", "clear gaps: could not do this without a lot of help"),
         2: ("Mixed", "partly there: notable gaps or mistakes"),
         3: ("Solid", "what the role needs: minor gaps at most"),
         4: ("Strong", "beyond what the role needs: thorough, and clearly explained")}
MAX_NOTES = 8000


class ScorecardError(ValueError):
    """The scorecard cannot be saved; the message lists every problem."""


@dataclasses.dataclass(frozen=True)
class ScorecardInput:
    """What the form sent, as plain values: rubric key -> (score text, notes), the decision and overall notes."""

    ratings: dict[str, tuple[str, str]]
    decision: str
    notes: str


def own_scorecard(session: Session, attempt_id: int, reviewer_id: int) -> Scorecard | None:
    return session.exec(select(Scorecard).where(Scorecard.attempt_id == attempt_id,
                                                Scorecard.reviewer_id == reviewer_id)).first()


def save_scorecard(session: Session, attempt_id: int, reviewer_id: int, sent: ScorecardInput,
                   submit: bool) -> Scorecard:
    """Save (``submit``: and submit) the reviewer's scorecard.

    Raises:
        ScorecardError: The scorecard was already submitted, or a score or the decision is
            missing or invalid (a draft may leave them blank; a submit may not).
    """
    card = own_scorecard(session, attempt_id, reviewer_id)
    if card is not None and card.submitted_at is not None:
        raise ScorecardError("Your scorecard is already submitted and cannot be changed.")
    ratings, problems = {}, []
    for key in RUBRIC:
        score_text, notes = sent.ratings.get(key, ("", ""))
        score = _score(key, score_text.strip(), problems, required=submit)
        if len(notes) > MAX_NOTES:
            problems.append(f"{rubric_label(key)}: notes are longer than {MAX_NOTES} characters.")
        ratings[key] = {"score": score, "notes": notes.strip()}
    decision = None
    if sent.decision:
        try:
            decision = Decision(sent.decision)
        except ValueError:
            problems.append(f"Decision: {sent.decision!r} is not one of strong yes, yes, no, strong no.")
    elif submit:
        problems.append("Decision: choose strong yes, yes, no or strong no before submitting.")
    if len(sent.notes) > MAX_NOTES:
        problems.append(f"Notes: longer than {MAX_NOTES} characters.")
    if problems:
        raise ScorecardError(" ".join(problems))
    card = card or Scorecard(attempt_id=attempt_id, reviewer_id=reviewer_id)
    card.ratings, card.decision, card.notes, card.updated_at = ratings, decision, sent.notes.strip(), utcnow()
    session.add(card)
    if submit:
        card.submitted_at = card.updated_at
        session.flush()
        integration_events.scorecard_submitted(session, card)
    session.commit()
    return card


def may_see_others(session: Session, attempt_id: int, user: User) -> bool:
    """Once the user's own scorecard on the attempt is submitted, whatever their role."""
    own = own_scorecard(session, attempt_id, user.id)
    return own is not None and own.submitted_at is not None


def visible_scorecards(session: Session, attempt_id: int, user: User) -> list[tuple[Scorecard, User]]:
    """The submitted scorecards ``user`` may see (with their reviewers), the user's own included."""
    if not may_see_others(session, attempt_id, user):
        return []
    return list(session.exec(select(Scorecard, User).join(User, User.id == Scorecard.reviewer_id)
                             .where(Scorecard.attempt_id == attempt_id, Scorecard.submitted_at.is_not(None))
                             .order_by(Scorecard.submitted_at)))


def _score(key: str, text: str, problems: list[str], required: bool) -> int | None:
    if not text:
        if required:
            problems.append(f"{rubric_label(key)}: give a score from 1 to 4.")
        return None
    score = SCORE_TEXTS.get(text)  # by text, not int(): "²" is a digit to isdigit, and int() refuses it
    if score is None:
        problems.append(f"{rubric_label(key)}: {text!r} is not a score from 1 to 4.")
    return score


def rubric_label(key: str) -> str:
    """``ml_fluency`` -> ``ML fluency``."""
    return key.replace("_", " ").capitalize().replace("Ml ", "ML ")
