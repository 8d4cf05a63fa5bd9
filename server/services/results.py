"""An attempt's results: the submission each problem is scored on, the attempt's total, and its scorecards.

One place computes them, so the reviewer's pages, the printable report, the CSV
and JSON exports and the integration API all agree. A problem is scored on the
candidate's last judged submit (as Codility scores the final solution); a
problem never submitted counts 0 towards the attempt's total. Bands are a
hiring recommendation, so only a finished attempt (the candidate finished, or
its deadline passed) has them: while the candidate is still working the total
is provisional and no band is given, the attempt's or any problem's.

A screen's question items make its fluency component (``scoring.questions``); the
total weighs it against the coding problems' mean by the screen's
``fluency_weight`` (``scoring.score.screen_total``).
"""

import dataclasses
import statistics

from sqlalchemy import Float, case, cast, literal
from sqlmodel import Session, col, func, or_, select

from server.models import (
    RUBRIC,
    Attempt,
    AttemptState,
    Invite,
    ProblemVersion,
    QuestionAnswer,
    Scorecard,
    Screen,
    SimilarityFlag,
    Submission,
    SubmissionStatus,
)
from server.questions.item import QuestionItem
from server.scoring.questions import FluencyReport, ItemScore, fluency, score_answer
from server.scoring.score import band_for, screen_total
from server.services.answers import answers_of
from server.services.attempts import screen_problems
from server.services.problem_store import load_question


@dataclasses.dataclass(frozen=True)
class ProblemResult:
    """One problem of the attempt: its pinned version, the final submit (if any) and how many were made;
    ``band`` is the final submit's, once the attempt is finished."""

    version: ProblemVersion
    final: Submission | None
    submits: int
    runs: int
    band: str | None

    def as_json(self) -> dict:
        final = self.final
        return {"problem_id": self.version.problem_id, "version": self.version.number, "title": self.version.title,
                "submits": self.submits, "runs": self.runs,
                "final_submission": None if final is None else {
                    "id": final.id, "verdict": final.verdict, "passed": final.passed, "total": final.total,
                    "score": final.score, "band": self.band,
                    "submitted_at": final.created_at.isoformat()}}


@dataclasses.dataclass(frozen=True)
class QuestionResult:
    """One question item of the attempt: its pinned version, the candidate's answer (if any) and its score."""

    version: ProblemVersion
    item: QuestionItem
    answer: QuestionAnswer | None
    score: ItemScore

    @property
    def chosen(self) -> set[int]:
        return set(self.answer.choices) if self.answer else set()

    def as_json(self) -> dict:
        item, answer, score = self.item, self.answer, self.score
        return {"problem_id": self.version.problem_id, "version": self.version.number, "title": item.title,
                "format": item.format, "topic": item.topic, "points": float(item.points),
                "answered": answer is not None and bool(answer.choices or answer.text.strip()),
                "choices": sorted(self.chosen), "correct": sorted(item.correct_options),
                "text": answer.text if answer else "",
                "auto_score": round(100 * score.auto, 1), "reviewer_score": answer.reviewer_score if answer else None,
                "score": round(100 * score.share, 1),
                "rubric": [{"id": hit.id, "found": hit.found, "evidence": hit.evidence} for hit in score.rubric]}


@dataclasses.dataclass(frozen=True)
class ScorecardSummary:
    """The submitted scorecards of an attempt, aggregated: decisions counted, ratings averaged."""

    count: int
    decisions: dict[str, int]
    mean_ratings: dict[str, float | None]

    def as_json(self) -> dict:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class AttemptResult:
    """Everything a hiring team needs about one attempt, without any test data."""

    invite: Invite
    attempt: Attempt
    screen: Screen
    problems: tuple[ProblemResult, ...]  # the coding problems, in screen order
    questions: tuple[QuestionResult, ...]  # the question items, in screen order
    fluency: FluencyReport | None  # the question items' component; None for a screen without any
    total: float | None  # None until something was judged or answered; provisional until the attempt is finished
    band: str | None  # None until the attempt is finished
    scorecards: ScorecardSummary
    similarity_flags: int

    @property
    def finished(self) -> bool:
        """The candidate finished, or the deadline passed: the total stands and the bands are given."""
        return self.attempt.state == AttemptState.FINISHED

    @property
    def reviewed(self) -> bool:
        return self.scorecards.count > 0

    def as_json(self) -> dict:
        attempt = self.attempt
        return {"attempt_id": attempt.id, "invite_id": self.invite.id,
                "candidate": {"name": self.invite.candidate_name, "email": self.invite.candidate_email},
                "screen": {"id": self.screen.id, "name": self.screen.name},
                "state": attempt.state.value,
                "started_at": attempt.started_at.isoformat() if attempt.started_at else None,
                "finished_at": attempt.finished_at.isoformat() if attempt.finished_at else None,
                "score": None if self.total is None else round(self.total, 1), "band": self.band,
                "problems": [problem.as_json() for problem in self.problems],
                "questions": [question.as_json() for question in self.questions],
                "fluency": None if self.fluency is None else {"score": round(self.fluency.score, 1),
                                                              "weight": self.screen.fluency_weight},
                "scorecards": self.scorecards.as_json(), "similarity_flags": self.similarity_flags}


def attempt_result(session: Session, attempt: Attempt) -> AttemptResult:
    invite = session.get(Invite, attempt.invite_id)
    screen = session.get(Screen, invite.screen_id)
    finals = {version: session.get(Submission, submission_id) for (_, version), submission_id
              in final_submit_ids(session, col(Submission.attempt_id) == attempt.id).items()}
    counts = dict(((version, kind), count) for version, kind, count in session.exec(
        select(Submission.problem_version_id, Submission.kind, func.count())
        .where(Submission.attempt_id == attempt.id).group_by(Submission.problem_version_id, Submission.kind)))
    finished = attempt.state == AttemptState.FINISHED
    versions = screen_problems(session, screen)
    problems = []
    for version in (version for version in versions if version.kind != "question"):
        final = finals.get(version.id)
        problems.append(ProblemResult(version, final,
                                      counts.get((version.id, "submit"), 0), counts.get((version.id, "run"), 0),
                                      final.band if finished and final is not None else None))
    questions, fluency_report = _questions_and_fluency(session, attempt, versions)
    judged = [problem.final for problem in problems if problem.final is not None]
    coding = sum(final.score or 0.0 for final in judged) / len(problems) if problems else None
    answered = any(question.answer is not None for question in questions)
    total = (screen_total(coding, fluency_report and fluency_report.score, screen.fluency_weight)
             if judged or answered else None)
    final_ids = [submission.id for submission in judged]
    flags = len(session.exec(select(SimilarityFlag.id).where(or_(SimilarityFlag.submission_a.in_(final_ids),
                                                                 SimilarityFlag.submission_b.in_(final_ids)))).all())
    return AttemptResult(invite, attempt, screen, tuple(problems), questions, fluency_report, total,
                         band_for(total) if finished and total is not None else None,
                         summarise_scorecards(_submitted_scorecards(session, attempt)), flags)


def question_results(session: Session, attempt: Attempt,
                     versions: list[ProblemVersion]) -> tuple[QuestionResult, ...]:
    """The attempt's answer to each question item of ``versions``, scored."""
    answers = answers_of(session, attempt.id)
    results = []
    for version in versions:
        item, answer = load_question(session, version), answers.get(version.id)
        score = score_answer(item, answer.choices if answer else [], answer.text if answer else "",
                             answer.reviewer_score if answer else None)
        results.append(QuestionResult(version, item, answer, score))
    return tuple(results)


def final_submits(*where):
    """The query of final submits: (attempt id, problem version id, ``final_id``), the last judged submit of each.

    The one definition of "final" that scores, exports, dashboard filters and similarity
    flags share; ``where`` narrows it (to an attempt, to the versions of a problem).
    """
    return (select(Submission.attempt_id, Submission.problem_version_id, func.max(Submission.id).label("final_id"))
            .where(Submission.kind == "submit", Submission.status == SubmissionStatus.DONE, *where)
            .group_by(Submission.attempt_id, Submission.problem_version_id))


def attempt_totals(session: Session, *where):
    """The query of attempt totals: (attempt id, ``total``), ``attempt_result``'s total computed in SQL.

    The coding part is the mean over the screen's coding problems of the final submits' scores (an
    unsubmitted problem and a NULL score count 0); the fluency part is ``Attempt.fluency`` (kept by
    ``record_fluency``); they combine by the screen's ``fluency_weight`` as ``scoring.score.screen_total``
    does. An attempt with neither a final submit nor an answer has no row; ``where`` narrows the submits
    looked at, as in ``final_submits``. The dashboard filters and sorts on it so that it need not score
    every attempt in Python. Submits are only accepted for the screen's problems, so every final
    submit counts. The question items of each screen are counted here (a few ids per screen), since
    which versions are questions is not in the screen's JSON.
    """
    finals = final_submits(*where).subquery()
    coding_sums = (select(finals.c.attempt_id, func.sum(func.coalesce(Submission.score, 0.0)).label("coding_sum"))
                   .select_from(finals).join(Submission, Submission.id == finals.c.final_id)
                   .group_by(finals.c.attempt_id)).subquery()
    counts = _question_counts(session)
    questions = case(counts, value=Screen.id, else_=0) if counts else literal(0)
    coding_problems = func.json_array_length(Screen.problems) - questions
    coding = func.coalesce(coding_sums.c.coding_sum, 0.0) / func.nullif(coding_problems, 0)
    fluency_part = func.coalesce(Attempt.fluency, 0.0)
    share = cast(Screen.fluency_weight, Float) / 100.0
    total = case((questions == 0, coding), (coding_problems == 0, fluency_part),
                 else_=(1 - share) * coding + share * fluency_part)
    return (select(Attempt.id.label("attempt_id"), total.label("total"))
            .join(Invite, Invite.id == Attempt.invite_id)
            .join(Screen, Screen.id == Invite.screen_id)
            .outerjoin(coding_sums, coding_sums.c.attempt_id == Attempt.id)
            .where(or_(coding_sums.c.attempt_id.is_not(None), Attempt.fluency.is_not(None))))


def _question_counts(session: Session) -> dict[int, int]:
    """Screen id -> how many question items it holds, for the screens that hold any."""
    questions = set(session.exec(select(ProblemVersion.id).where(ProblemVersion.kind == "question")))
    if not questions:
        return {}
    counts = {screen_id: len(questions.intersection(problems))
              for screen_id, problems in session.exec(select(Screen.id, Screen.problems))}
    return {screen_id: count for screen_id, count in counts.items() if count}


def record_fluency(session: Session, attempt: Attempt) -> None:
    """Compute the attempt's fluency component again and keep it on the attempt (``attempt_totals`` reads it):
    called whenever one of its answers or a reviewer's score of one changes."""
    screen = session.exec(select(Screen).join(Invite, Invite.screen_id == Screen.id)
                          .where(Invite.id == attempt.invite_id)).one()
    _, report = _questions_and_fluency(session, attempt, screen_problems(session, screen))
    attempt.fluency = None if report is None else report.score
    session.add(attempt)
    session.commit()


def _questions_and_fluency(session: Session, attempt: Attempt, versions: list[ProblemVersion]) \
        -> tuple[list[QuestionResult], FluencyReport | None]:
    """The attempt's results on the screen's question items, and the fluency component they make (None for a
    screen without any)."""
    questions = question_results(session, attempt, [version for version in versions if version.kind == "question"])
    return questions, fluency([(q.item, q.score) for q in questions]) if questions else None


def final_submit_ids(session: Session, *where) -> dict[tuple[int, int], int]:
    """(attempt id, problem version id) -> the id of its final submit (``final_submits``)."""
    return {(attempt_id, version_id): final_id
            for attempt_id, version_id, final_id in session.exec(final_submits(*where))}


def screen_results(session: Session, screen: Screen, offset: int = 0,
                   limit: int | None = None) -> list[AttemptResult]:
    """The attempts at ``screen``, newest invite first; ``offset`` and ``limit`` take one page of them."""
    attempts = session.exec(select(Attempt).join(Invite, Invite.id == Attempt.invite_id)
                            .where(Invite.screen_id == screen.id).order_by(Invite.id.desc())
                            .offset(offset).limit(limit)).all()
    return [attempt_result(session, attempt) for attempt in attempts]


def count_attempts(session: Session, screen: Screen) -> int:
    """How many attempts ``screen_results`` pages through."""
    return session.exec(select(func.count()).select_from(Invite).where(Invite.screen_id == screen.id)).one()


def summarise_scorecards(scorecards: list[Scorecard]) -> ScorecardSummary:
    decisions: dict[str, int] = {}
    for card in scorecards:
        if card.decision is not None:
            decisions[card.decision.value] = decisions.get(card.decision.value, 0) + 1
    means = {}
    for key in RUBRIC:
        scores = [card.ratings[key]["score"] for card in scorecards if card.ratings.get(key, {}).get("score")]
        means[key] = round(statistics.fmean(scores), 2) if scores else None
    return ScorecardSummary(len(scorecards), decisions, means)


def _submitted_scorecards(session: Session, attempt: Attempt) -> list[Scorecard]:
    return list(session.exec(select(Scorecard).where(Scorecard.attempt_id == attempt.id,
                                                     Scorecard.submitted_at.is_not(None))))
