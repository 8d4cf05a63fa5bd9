"""Editing a screen after it was made: its name, duration and items, their order, and archiving it.

A screen's items change only while no candidate has started it: a started
attempt was shown those problems in that order, and its scores are read
against them. The duration may change at any time; it applies to attempts
started afterwards (a started attempt keeps the deadline it was given).
"""

from sqlmodel import Session, func, select

from server.models import Attempt, AttemptState, Invite, Screen, utcnow
from server.services.attempts import screen_problems
from server.services.staff import StaffInputError, check_screen_fields, screen_versions

MOVES = {"up": -1, "down": 1}


def started_attempts(session: Session, screen: Screen) -> int:
    return session.exec(select(func.count()).select_from(Attempt).join(Invite, Invite.id == Attempt.invite_id)
                        .where(Invite.screen_id == screen.id, Attempt.state != AttemptState.INVITED)).one()


def moved(items: list, index: int, move: str) -> list:
    """``items`` with the one at ``index`` moved one place ``up`` or ``down`` (at an end, unchanged)."""
    target = index + MOVES[move]
    if not 0 <= index < len(items) or not 0 <= target < len(items):
        return list(items)
    reordered = list(items)
    reordered[index], reordered[target] = reordered[target], reordered[index]
    return reordered


def edit_screen(session: Session, screen: Screen, name: str, minutes: int, problem_ids: list[str],
                fluency_weight: int) -> None:
    """New name, duration, items (bank ids, in order) and question items' weight (percent); an item already in
    the screen keeps its version.

    Raises:
        StaffInputError: Bad values (as for a new screen), or the items or the weight changed once a candidate
            started.
    """
    check_screen_fields(name, minutes, fluency_weight)
    kept = {version.problem_id: version.id for version in screen_problems(session, screen)}
    versions = screen_versions(session, problem_ids, kept)
    if (versions != screen.problems or fluency_weight != screen.fluency_weight) and started_attempts(session, screen):
        raise StaffInputError("candidates have started this screen, so its items, their order and their weights "
                              "stay as they were; make a new screen for a different set")
    screen.name, screen.minutes, screen.problems = name.strip(), minutes, versions
    screen.fluency_weight = fluency_weight
    session.add(screen)
    session.commit()


def set_archived(session: Session, screen: Screen, archived: bool) -> None:
    """An archived screen keeps its attempts and results but is offered for no new invite."""
    screen.archived_at = utcnow() if archived else None
    session.add(screen)
    session.commit()
