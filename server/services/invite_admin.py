"""Managing invites after they were sent: revoke one, or move its expiry (extend it, or set it when inviting)."""

import datetime as dt

from sqlmodel import Session

from server.models import Invite, utcnow
from server.services.staff import StaffInputError

LONGEST_DAYS = 365


def expiry_from_date(text: str) -> dt.datetime:
    """The end (23:59 UTC) of the day ``text`` names (``YYYY-MM-DD``, as a date field sends it).

    Raises:
        StaffInputError: Not a date, a day already over, or more than a year ahead.
    """
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise StaffInputError(f"the expiry {text!r} is not a date (YYYY-MM-DD)") from None
    expires = dt.datetime.combine(day, dt.time(23, 59), tzinfo=dt.UTC)
    if expires <= utcnow():
        raise StaffInputError(f"the expiry {day} is already past: choose a later day")
    if expires > utcnow() + dt.timedelta(days=LONGEST_DAYS + 1):
        raise StaffInputError(f"the expiry {day} is more than {LONGEST_DAYS} days ahead")
    return expires


def set_expiry(session: Session, invite: Invite, expires_at: dt.datetime) -> None:
    """A new expiry; an expired invite that was never started opens again."""
    invite.expires_at = expires_at
    session.add(invite)
    session.commit()


def revoke(session: Session, invite: Invite) -> None:
    """The link stops opening at once, even mid-screen; what the candidate submitted stays for reviewers."""
    if invite.revoked_at is None:
        invite.revoked_at = utcnow()
        session.add(invite)
        session.commit()
