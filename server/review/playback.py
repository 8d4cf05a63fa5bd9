"""Playback of one problem in an attempt: the autosaved drafts and the runs and submits, in time order.

A snapshot is what the candidate had at a moment (code and notes); the
events (runs, submits, pastes, focus lost and regained, the page opened and
left) are marked at their times.
The diff between two snapshots is ``diff.line_diff``, on the server.
"""

import dataclasses

from sqlmodel import Session, select

from server.models import Draft, Event, Submission

MARKED_EVENTS = ("run", "submit", "paste", "focus_lost", "focus_regained", "page_opened", "page_left")


@dataclasses.dataclass(frozen=True)
class Snapshot:
    index: int
    at: str  # ISO time
    source: str  # "draft", "run" or "submit"
    submission_id: int | None
    code: str
    notes: str

    def as_json(self) -> dict:
        return dataclasses.asdict(self)


def timeline(session: Session, attempt_id: int, version_id: int) -> dict:
    """Snapshots and events of one problem: ``{"snapshots": [...], "events": [...]}``, oldest first."""
    drafts = session.exec(select(Draft).where(Draft.attempt_id == attempt_id, Draft.problem_version_id == version_id)
                          .order_by(Draft.saved_at, Draft.id)).all()
    submissions = session.exec(select(Submission).where(Submission.attempt_id == attempt_id,
                                                        Submission.problem_version_id == version_id)
                               .order_by(Submission.created_at, Submission.id)).all()
    moments = sorted([(d.saved_at, 0, "draft", None, d.code, d.notes) for d in drafts]
                     + [(s.created_at, 1, s.kind, s.id, s.code, s.notes) for s in submissions],
                     key=lambda moment: (moment[0], moment[1]))
    snapshots = [Snapshot(i, at.isoformat(), source, submission_id, code, notes)
                 for i, (at, _, source, submission_id, code, notes) in enumerate(moments)]
    events = session.exec(select(Event).where(Event.attempt_id == attempt_id, Event.kind.in_(MARKED_EVENTS),
                                              Event.problem_version_id == version_id)
                          .order_by(Event.at, Event.id)).all()
    return {"snapshots": [snapshot.as_json() for snapshot in snapshots],
            "events": [{"kind": e.kind, "at": e.at.isoformat(), "detail": e.detail} for e in events]}

