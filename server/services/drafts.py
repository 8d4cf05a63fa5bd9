"""Autosaved drafts: the candidate's latest code and notes, and a bounded history of them for playback.

Every save keeps the latest text. An attempt's history is kept up to a budget
of bytes; past it the newest draft of a problem replaces the previous one
instead of adding a row, so a flood of saves cannot fill the database and
never costs the candidate their work.
"""

from sqlalchemy import func, text
from sqlmodel import Session, select

from server.models import Attempt, Draft, utcnow


def latest_draft(session: Session, attempt_id: int, version_id: int) -> Draft | None:
    """The newest draft (LIMIT 1: an attempt may have hundreds, and each autosave asks)."""
    return session.exec(select(Draft).where(Draft.attempt_id == attempt_id, Draft.problem_version_id == version_id)
                        .order_by(Draft.id.desc()).limit(1)).first()


def draft_size(code: str, notes: str) -> int:
    """Bytes a draft stores, counted as ``validate_code`` counts them."""
    return len(code.encode("utf-8", "surrogatepass")) + len(notes.encode("utf-8", "surrogatepass"))


def save_draft(session: Session, attempt: Attempt, version_id: int, code: str, notes: str, history_bytes: int) -> None:
    """Keep ``code`` and ``notes`` as the problem's latest draft; the same text as the last draft stores nothing.

    On PostgreSQL the save does not wait for its WAL record to reach the disk (``synchronous_commit`` off for
    this transaction): autosaves are the most frequent write of a screen, a flush per save put the disk's
    latency into every one, and a crash can lose at most the last fraction of a second of saves, never
    consistency; the next autosave, four seconds later, holds the same text.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL synchronous_commit TO OFF"))
    last = latest_draft(session, attempt.id, version_id)
    if last is not None and (last.code, last.notes) == (code, notes):
        return
    size = draft_size(code, notes)
    kept = session.exec(select(func.coalesce(func.sum(Draft.size), 0)).where(Draft.attempt_id == attempt.id)).one()
    if last is not None and kept + size > history_bytes:
        last.code, last.notes, last.size, last.saved_at = code, notes, size, utcnow()
        session.add(last)
    else:
        session.add(Draft(attempt_id=attempt.id, problem_version_id=version_id, code=code, notes=notes, size=size))
    session.commit()
