"""What the domain services announce to other systems: webhook events, and Greenhouse's PATCH on completion.

Each function adds its deliveries to the caller's session before the caller commits, so the event is recorded
in the same transaction as what it tells of (``outbox`` sends it). Domain code calls these; views never do.
"""

from sqlmodel import Session, select

from server.models import Attempt, Delivery, GreenhouseInterview, Invite, Scorecard, Submission
from server.services.webhooks import queue_event


def invite_created(session: Session, invite: Invite, attempt: Attempt) -> None:
    queue_event(session, "invite.created", {**_invite(invite), "attempt_id": attempt.id,
                                             "expires_at": invite.expires_at.isoformat()})


def attempt_started(session: Session, attempt: Attempt) -> None:
    queue_event(session, "attempt.started", {**_attempt(session, attempt),
                                             "deadline": attempt.deadline.isoformat()})


def attempt_finished(session: Session, attempt: Attempt, by: str) -> None:
    """The webhook event, and the PATCH that tells Greenhouse to ask ``test_status`` if Greenhouse sent it."""
    queue_event(session, "attempt.finished", {**_attempt(session, attempt), "by": by,
                                              "finished_at": attempt.finished_at.isoformat()})
    interview = session.exec(select(GreenhouseInterview)
                             .where(GreenhouseInterview.invite_id == attempt.invite_id)).first()
    if interview is not None:
        headers = {"Authorization": interview.callback_authorization} if interview.callback_authorization else {}
        session.add(Delivery(kind="greenhouse_patch", event="attempt.finished", method="PATCH",
                             url=interview.callback_url, headers=headers))
        interview.callback_authorization = None  # the delivery holds it until it is settled
        session.add(interview)


def submission_judged(session: Session, submission: Submission) -> None:
    """A candidate's Submit judged (Runs are practice and announced to no one)."""
    if submission.kind != "submit":
        return
    queue_event(session, "submission.judged", {
        "submission_id": submission.id, "attempt_id": submission.attempt_id,
        "problem_version_id": submission.problem_version_id, "status": submission.status.value,
        "verdict": submission.verdict, "passed": submission.passed, "total": submission.total,
        "score": submission.score})


def scorecard_submitted(session: Session, card: Scorecard) -> None:
    queue_event(session, "scorecard.submitted", {
        "scorecard_id": card.id, "attempt_id": card.attempt_id, "reviewer_id": card.reviewer_id,
        "decision": card.decision.value if card.decision else None,
        "submitted_at": card.submitted_at.isoformat()})


def _invite(invite: Invite) -> dict:
    return {"invite_id": invite.id, "screen_id": invite.screen_id, "candidate_name": invite.candidate_name,
            "candidate_email": invite.candidate_email}


def _attempt(session: Session, attempt: Attempt) -> dict:
    return {**_invite(session.get(Invite, attempt.invite_id)), "attempt_id": attempt.id,
            "state": attempt.state.value}
