"""Invites and attempts: who may sit which screen, and the clock the server keeps.

The deadline is fixed by the server when the candidate starts; every
state-changing action checks it here, so a late request is refused whatever
the browser shows.
"""

import datetime as dt
import secrets

from sqlmodel import Session, select

from server.errors import TechscreenError
from server.models import (
    ApiToken,
    Attempt,
    AttemptState,
    Event,
    Invite,
    ProblemVersion,
    Screen,
    Submission,
    utcnow,
)
from server.services import integration_events
from server.services.api_tokens import hash_token
from server.services.staff import staff_emails

TOKEN_BYTES = 24
TOKEN_PREFIX_CHARS = 8  # kept in the clear to tell invites apart; the other 24 characters are known only by hash


class InviteError(TechscreenError):
    """An invite link that cannot be used; ``title`` heads the error page."""

    title = "This invite cannot be used"


class InviteNotFound(InviteError):
    title = "Unknown invite"


class InviteExpired(InviteError):
    title = "This invite has expired"


class InviteRevoked(InviteError):
    title = "This invite was withdrawn"


class AttemptClosed(InviteError):
    """The attempt is finished or past its deadline: read-only."""

    title = "This screen is finished"


def create_invite(session: Session, screen: Screen, name: str, email: str, days: int,
                  created_by: int | None = None, created_by_token: int | None = None,
                  expires_at: dt.datetime | None = None) -> tuple[Invite, str]:
    """A new invite and its attempt, and the invite's token, which is not stored and cannot be shown again.

    It expires at ``expires_at`` if given, else in ``days``. ``created_by`` is the staff user,
    ``created_by_token`` the API token that made it.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invite = Invite(token_hash=hash_token(token), token_prefix=token[:TOKEN_PREFIX_CHARS], screen_id=screen.id,
                    candidate_name=name.strip(), candidate_email=email.strip(),
                    expires_at=expires_at or utcnow() + dt.timedelta(days=days), created_by=created_by,
                    created_by_token=created_by_token)
    session.add(invite)
    session.flush()
    attempt = Attempt(invite_id=invite.id)
    session.add(attempt)
    session.flush()
    integration_events.invite_created(session, invite, attempt)
    session.commit()
    return invite, token


def replace_token(session: Session, invite: Invite) -> str:
    """A new link for an invite whose link was never seen (one made through an integration and not mailed);
    the old link stops working. Returns the token, which is not stored."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invite.token_hash, invite.token_prefix = hash_token(token), token[:TOKEN_PREFIX_CHARS]
    session.add(invite)
    session.commit()
    return token


def invited_by(session: Session, invites: list[Invite]) -> dict[int, str]:
    """Who made each invite, by invite id: a staff user's email, or the API token's name."""
    users = staff_emails(session, [invite.created_by for invite in invites])
    tokens = {token.id: token.name for token in session.exec(
        select(ApiToken).where(ApiToken.id.in_({invite.created_by_token for invite in invites} - {None})))}
    return {invite.id: users.get(invite.created_by)
            or (f"API token {tokens[invite.created_by_token]}" if invite.created_by_token in tokens else "")
            for invite in invites}


def invite_for(session: Session, token: str) -> tuple[Invite, Attempt, Screen]:
    """The invite, its attempt and screen; the attempt is closed lazily once its deadline passed.

    Raises:
        InviteNotFound: No invite has this token.
        InviteExpired: The invite expired before the candidate started.
        InviteRevoked: Staff revoked the invite.
    """
    found = session.exec(  # one round trip: every candidate request, each autosave, starts here
        select(Invite, Attempt, Screen).join(Attempt, Attempt.invite_id == Invite.id)
        .join(Screen, Screen.id == Invite.screen_id).where(Invite.token_hash == hash_token(token))).first() \
        if token else None
    if found is None:
        raise InviteNotFound("This link does not match any invite. Check that you copied the whole link.")
    invite, attempt, screen = found
    if invite.revoked_at is not None:
        raise InviteRevoked("The hiring team withdrew this invite. If you think that is a mistake, ask them.")
    if attempt.state == AttemptState.INVITED and invite.expires_at < utcnow():
        raise InviteExpired(f"The invite expired on {invite.expires_at:%Y-%m-%d %H:%M} UTC. "
                            "Ask the hiring team for a new link.")
    close_if_due(session, attempt)
    return invite, attempt, screen


def close_if_due(session: Session, attempt: Attempt) -> None:
    if attempt.state == AttemptState.IN_PROGRESS and attempt.deadline <= utcnow():
        attempt.state = AttemptState.FINISHED
        attempt.finished_at = attempt.deadline
        session.add(attempt)
        session.add(Event(attempt_id=attempt.id, kind="finished", detail={"by": "deadline"}))
        integration_events.attempt_finished(session, attempt, "deadline")
        session.commit()


def close_due(session: Session, screen: Screen | None = None) -> None:
    """Close every attempt (at ``screen``) whose deadline passed, so a listing shows them finished."""
    query = select(Attempt).where(Attempt.state == AttemptState.IN_PROGRESS, Attempt.deadline <= utcnow())
    if screen is not None:
        query = query.join(Invite, Invite.id == Attempt.invite_id).where(Invite.screen_id == screen.id)
    for attempt in session.exec(query).all():
        close_if_due(session, attempt)


def start(session: Session, attempt: Attempt, screen: Screen) -> None:
    """Start the clock (once: starting again changes nothing)."""
    if attempt.state != AttemptState.INVITED:
        return
    now = utcnow()
    attempt.state = AttemptState.IN_PROGRESS
    attempt.started_at = now
    attempt.deadline = now + dt.timedelta(minutes=screen.minutes)
    session.add(attempt)
    session.add(Event(attempt_id=attempt.id, kind="started"))
    integration_events.attempt_started(session, attempt)
    session.commit()


def require_open(attempt: Attempt) -> None:
    """Raises AttemptClosed unless the attempt is in progress and before its deadline."""
    if attempt.state == AttemptState.INVITED:
        raise AttemptClosed("The screen has not been started yet.")
    if attempt.state == AttemptState.FINISHED and attempt.finished_at < attempt.deadline:  # chose Finish
        raise AttemptClosed("You finished the screen, so nothing more can be submitted. Your answers are saved.")
    if attempt.state == AttemptState.FINISHED or attempt.deadline <= utcnow():
        raise AttemptClosed("Time is up: the screen is finished and nothing more can be submitted.")


def finish(session: Session, attempt: Attempt) -> None:
    if attempt.state != AttemptState.IN_PROGRESS:
        return
    attempt.state = AttemptState.FINISHED
    attempt.finished_at = utcnow()
    session.add(attempt)
    session.add(Event(attempt_id=attempt.id, kind="finished", detail={"by": "candidate"}))
    integration_events.attempt_finished(session, attempt, "candidate")
    session.commit()


def seconds_left(attempt: Attempt) -> float:
    if attempt.state != AttemptState.IN_PROGRESS:
        return 0.0
    return max(0.0, (attempt.deadline - utcnow()).total_seconds())


def screen_problems(session: Session, screen: Screen) -> list[ProblemVersion]:
    """The screen's problem versions in its order, read in one statement (each problem page asks)."""
    found = {version.id: version for version in
             session.exec(select(ProblemVersion).where(ProblemVersion.id.in_(screen.problems)))} \
        if screen.problems else {}
    return [found[version_id] for version_id in screen.problems]


def require_in_screen(screen: Screen, version_id: int) -> None:
    if version_id not in screen.problems:
        raise InviteNotFound("That problem is not part of this screen.")


def item_kind(session: Session, screen: Screen, version_id: int) -> str:
    """The kind of one of the screen's items (``coding`` or ``question``), read without the rest of its row."""
    require_in_screen(screen, version_id)
    return session.exec(select(ProblemVersion.kind).where(ProblemVersion.id == version_id)).one()


def problem_in_screen(session: Session, screen: Screen, version_id: int) -> ProblemVersion:
    require_in_screen(screen, version_id)
    return session.get(ProblemVersion, version_id)


def record_event(session: Session, attempt: Attempt, kind: str, version_id: int | None = None,
                 detail: dict | None = None) -> None:
    session.add(Event(attempt_id=attempt.id, kind=kind, problem_version_id=version_id, detail=detail or {}))
    session.commit()


def latest_submission(session: Session, attempt: Attempt, version_id: int, kind: str) -> Submission | None:
    return session.exec(select(Submission).where(Submission.attempt_id == attempt.id,
                                                 Submission.problem_version_id == version_id,
                                                 Submission.kind == kind)
                        .order_by(Submission.id.desc()).limit(1)).first()
