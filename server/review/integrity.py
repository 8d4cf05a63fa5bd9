"""Integrity signals of an attempt, from its Event and Submission rows: what a reviewer should look at twice.

Signals are facts, not accusations: time used, every paste with its size,
the times the candidate was away (switched to something else, or left the
page) and for how long, submits in the last minute before the deadline and
submits seconds apart.

Time away comes from the browser's events. Each load of a workspace page
names itself (``detail["page"]``): it reports ``page_opened`` (and whether it
had focus), ``focus_lost`` and ``focus_regained`` as the window loses and
regains focus, and ``page_left`` as it goes away (closed, reloaded, or left
for another page). The candidate is away from when the page with focus loses
it until a page of theirs has focus again; focus passing to another of their
pages within ``MOVE_SECONDS`` (another tab of the screen, a reload, the next
problem) is a move, not time away, and so is a departure in the last
``MOVE_SECONDS`` before the attempt ended (the candidate finishing). Events
recorded before pages named themselves count as one page.
"""

import dataclasses
import datetime as dt
import itertools

from sqlmodel import Session, select

from server.models import Attempt, AttemptState, Event, Submission

LATE_SECONDS = 60  # a submit this close to the deadline is "late"
RAPID_SECONDS = 10  # two submits to the same problem this close together are "rapid"
LARGE_PASTE_CHARS = 200  # a paste of this many characters is worth a look
MOVE_SECONDS = 10  # focus on another of the candidate's pages this soon after leaving one: a move, not time away
LEFT_SECONDS = 2  # a page left this soon after focus was lost: the candidate left the page (not switched away)
RETURNS = ("focus_regained", "page_opened")
DEPARTURES = ("focus_lost", "page_left")


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
class Absence:
    """A time when none of the candidate's pages had focus: they switched to something else, or left the page
    (``left_at``: when a page of theirs was closed, reloaded or left). ``back_at`` is None when they did not
    come back: ``ended_at`` is then the attempt's end, or None while it is in progress."""

    at: dt.datetime
    problem_version_id: int | None
    left_at: dt.datetime | None
    back_at: dt.datetime | None
    ended_at: dt.datetime | None = None

    @property
    def away_seconds(self) -> float | None:
        return None if self.back_at is None else (self.back_at - self.at).total_seconds()

    @property
    def text(self) -> str:
        """What happened, read after its time: "switched away for 45 s", "left the page (...), came back at
        10:42:10 (3 min 20 s later)"."""
        if self.left_at is None:
            went = "switched away"
        elif (self.left_at - self.at).total_seconds() <= LEFT_SECONDS:
            went = "left the page (closed, reloaded or navigated away)"
        else:
            went = f"switched away, then left the page at {self.left_at:%H:%M:%S}"
        if self.back_at is not None and self.left_at is None:
            return f"{went} for {_duration(self.away_seconds)}"
        if self.back_at is not None:
            return f"{went}, came back at {self.back_at:%H:%M:%S} ({_duration(self.away_seconds)} later)"
        if self.ended_at is not None:
            return f"{went}; did not come back before the screen ended at {self.ended_at:%H:%M:%S}"
        return f"{went}; not back yet"


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
    absences: tuple[Absence, ...]
    late_submits: tuple[SubmitSignal, ...]
    rapid_submits: tuple[SubmitSignal, ...]

    @property
    def pasted_chars(self) -> int:
        return sum(paste.chars for paste in self.pastes)

    @property
    def away_seconds(self) -> float:
        """Time away before coming back (not after a last departure: the candidate may simply have been done)."""
        return sum(absence.away_seconds or 0.0 for absence in self.absences)

    @property
    def flagged(self) -> bool:
        """Anything beyond ordinary work: a large paste, a late or rapid submit."""
        return bool(any(paste.large for paste in self.pastes) or self.late_submits or self.rapid_submits)

    def only(self, version_id: int) -> "Integrity":
        """The same signals, for one problem only (the time used stays the attempt's)."""
        return dataclasses.replace(
            self, pastes=tuple(p for p in self.pastes if p.problem_version_id == version_id),
            absences=tuple(a for a in self.absences if a.problem_version_id == version_id),
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
    return Integrity(_time_used(attempt), _time_allowed(attempt), _pastes(events), _absences(attempt, events),
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


def _absences(attempt: Attempt, events: list[Event]) -> tuple[Absence, ...]:
    """Follows which page has focus (``holder``) through the events; see the module's docstring."""
    found = []
    present, holder = False, None
    left: Event | None = None  # the departure that began the absence under way
    left_at = None
    for event in events:
        page = event.detail.get("page")
        if event.kind in RETURNS and event.detail.get("focused") is not False:  # not a tab opened behind others
            if left is not None and not _moved(left, page, event.at):
                found.append(Absence(left.at, left.problem_version_id, left_at, event.at))
            present, holder, left = True, page, None
        elif event.kind in DEPARTURES and left is None and (not present or page == holder):
            present, left = False, event  # (a page in the background going away leaves the candidate where they are)
            left_at = event.at if event.kind == "page_left" else None
        elif event.kind == "page_left" and left is not None and left_at is None:
            left_at = event.at
    end = attempt.finished_at if attempt.state == AttemptState.FINISHED else None
    if left is not None and (end is None or (end - left.at).total_seconds() >= MOVE_SECONDS):
        found.append(Absence(left.at, left.problem_version_id, left_at, None, end))
    return tuple(found)


def _moved(left: Event, page, at: dt.datetime) -> bool:
    """Focus came back on another of the candidate's pages right after: another tab, a reload, the next problem."""
    return page != left.detail.get("page") and (at - left.at).total_seconds() < MOVE_SECONDS


def _duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


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

