"""Integrity signals of an attempt, from its Event and Submission rows: what a reviewer should look at twice.

Signals are facts, not accusations: time used, every paste with its size,
focus losses (and how long the candidate was away), submits in the last
minute before the deadline and submits seconds apart.
"""

import dataclasses
import datetime as dt
import itertools

from sqlmodel import Session, select

from server.models import Attempt, Event, Submission

LATE_SECONDS = 60  # a submit this close to the deadline is "late"
RAPID_SECONDS = 10  # two submits to the same problem this close together are "rapid"
LARGE_PASTE_CHARS = 200  # a paste of this many characters is worth a look


@dataclasses.dataclass(frozen=True)
class Paste:
    at: dt.datetime
    problem_version_id: int | None
    chars: int
    lines: int

    @property
    def large(self) -> bool:
        return self.chars >= LARGE_PASTE_CHARS


@dataclasses.dataclass(frozen=True)
class FocusLoss:
    at: dt.datetime
    problem_version_id: int | None
    away_seconds: float | None  # None when the candidate never came back


@dataclasses.dataclass(frozen=True)
class SubmitSignal:
    submission_id: int
    problem_version_id: int
    at: dt.datetime
    text: str


@dataclasses.dataclass(frozen=True)
class Integrity:
    """Everything the integrity panel shows; ``problem_version_id`` narrows it to one problem."""

    time_used_seconds: float | None
    time_allowed_seconds: float | None
    pastes: tuple[Paste, ...]
    focus_losses: tuple[FocusLoss, ...]
    late_submits: tuple[SubmitSignal, ...]
    rapid_submits: tuple[SubmitSignal, ...]

    @property
    def pasted_chars(self) -> int:
        return sum(paste.chars for paste in self.pastes)

    @property
    def away_seconds(self) -> float:
        return sum(loss.away_seconds or 0.0 for loss in self.focus_losses)

    @property
    def flagged(self) -> bool:
        """Anything beyond ordinary work: a large paste, a late or rapid submit."""
        return bool(any(paste.large for paste in self.pastes) or self.late_submits or self.rapid_submits)

    def only(self, version_id: int) -> "Integrity":
        """The same signals, for one problem only (the time used stays the attempt's)."""
        return dataclasses.replace(
            self, pastes=tuple(p for p in self.pastes if p.problem_version_id == version_id),
            focus_losses=tuple(f for f in self.focus_losses if f.problem_version_id == version_id),
            late_submits=tuple(s for s in self.late_submits if s.problem_version_id == version_id),
            rapid_submits=tuple(s for s in self.rapid_submits if s.problem_version_id == version_id))


def integrity(session: Session, attempt: Attempt) -> Integrity:
    """The integrity signals of ``attempt``."""
    events = list(session.exec(select(Event).where(Event.attempt_id == attempt.id).order_by(Event.at, Event.id)))
    submits = list(session.exec(select(Submission).where(Submission.attempt_id == attempt.id,
                                                         Submission.kind == "submit").order_by(Submission.id)))
    return signals(attempt, events, submits)


def signals(attempt: Attempt, events: list[Event], submits: list[Submission]) -> Integrity:
    """The signals from rows already read (events in time order, submits in id order)."""
    return Integrity(_time_used(attempt), _time_allowed(attempt), _pastes(events), _focus_losses(events),
                     _late(attempt, submits), _rapid(submits))


def _time_used(attempt: Attempt) -> float | None:
    if attempt.started_at is None:
        return None
    end = attempt.finished_at or min(dt.datetime.now(dt.UTC), attempt.deadline)
    return max(0.0, (end - attempt.started_at).total_seconds())


def _time_allowed(attempt: Attempt) -> float | None:
    if attempt.started_at is None or attempt.deadline is None:
        return None
    return (attempt.deadline - attempt.started_at).total_seconds()


def _pastes(events: list[Event]) -> tuple[Paste, ...]:
    return tuple(Paste(e.at, e.problem_version_id, int(e.detail.get("chars", 0)), int(e.detail.get("lines", 0)))
                 for e in events if e.kind == "paste")


def _focus_losses(events: list[Event]) -> tuple[FocusLoss, ...]:
    losses = []
    for index, event in enumerate(events):
        if event.kind != "focus_lost":
            continue
        back = next((later for later in events[index + 1:] if later.kind == "focus_regained"), None)
        away = (back.at - event.at).total_seconds() if back is not None else None
        losses.append(FocusLoss(event.at, event.problem_version_id, away))
    return tuple(losses)


def _late(attempt: Attempt, submits: list[Submission]) -> tuple[SubmitSignal, ...]:
    if attempt.deadline is None:
        return ()
    deadline = attempt.deadline
    return tuple(SubmitSignal(s.id, s.problem_version_id, s.created_at,
                              f"submitted {(deadline - s.created_at).total_seconds():.0f} s before the deadline")
                 for s in submits if 0 <= (deadline - s.created_at).total_seconds() <= LATE_SECONDS)


def _rapid(submits: list[Submission]) -> tuple[SubmitSignal, ...]:
    found = []
    ordered = sorted(submits, key=lambda s: (s.problem_version_id, s.id))
    for before, after in itertools.pairwise(ordered):
        gap = (after.created_at - before.created_at).total_seconds()
        if after.problem_version_id == before.problem_version_id and gap <= RAPID_SECONDS:
            found.append(SubmitSignal(after.id, after.problem_version_id, after.created_at,
                                      f"submitted {gap:.0f} s after the previous submit"))
    return tuple(found)

