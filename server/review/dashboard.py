"""The reviewer's dashboard query: attempts filtered, sorted and paginated, all in SQL.

Screen, problem, verdict, similarity-flag and reviewed filters are ``EXISTS``
subqueries over the final submits, flags and scorecards. The band filter and
the score sort join ``results.attempt_totals``, the SQL form of the total
``results.attempt_result`` computes, so the dashboard agrees with every other
page and only the attempts of one page are turned into results. Only a
finished attempt has a band, so the band filter never picks one in progress.
"""

import dataclasses

from sqlmodel import Session, and_, col, exists, func, or_, select

from server.models import (
    Attempt,
    AttemptState,
    Invite,
    ProblemVersion,
    Scorecard,
    Screen,
    SimilarityFlag,
    Submission,
)
from server.scoring.score import BANDS
from server.services.paging import page_window
from server.services.results import AttemptResult, attempt_result, attempt_totals, final_submits

PAGE_SIZE = 25
SORTS = ("newest", "score", "candidate")
BAND_NAMES = tuple(label for _, label in BANDS)


@dataclasses.dataclass(frozen=True)
class Filters:
    """The dashboard's query string as plain values; empty means "any"."""

    screen: int | None = None
    problem: str = ""
    band: str = ""
    verdict: str = ""
    flagged: bool = False
    reviewed: str = ""  # "", "yes" or "no"
    sort: str = "newest"
    page: int = 1

    def query(self, **changes) -> dict:
        """The non-default values (with ``changes``) for building a link that keeps the filter."""
        values = dataclasses.asdict(dataclasses.replace(self, **changes))
        defaults = dataclasses.asdict(Filters())
        return {key: ("1" if value is True else value) for key, value in values.items()
                if value != defaults[key]}


@dataclasses.dataclass(frozen=True)
class Page:
    results: list[AttemptResult]
    page: int
    pages: int
    count: int


def dashboard(session: Session, filters: Filters, page_size: int | None = None) -> Page:
    """The attempts matching ``filters``: one page (``PAGE_SIZE`` unless given) and how many pages there are."""
    page_size = page_size or PAGE_SIZE
    query = select(Attempt).join(Invite, Invite.id == Attempt.invite_id)
    for condition in _conditions(session, filters):
        query = query.where(condition)
    if filters.band or filters.sort == "score":
        totals = attempt_totals(session).subquery()
        query = query.outerjoin(totals, totals.c.attempt_id == Attempt.id)
        if filters.band:
            query = query.where(_in_band(totals.c.total, filters.band))
        if filters.sort == "score":
            query = query.order_by(totals.c.total.desc().nulls_last())  # ties: newest first, below
    if filters.sort == "candidate":
        query = query.order_by(func.lower(Invite.candidate_name), Attempt.id)
    else:
        query = query.order_by(Invite.id.desc())
    count = session.exec(select(func.count()).select_from(query.subquery())).one()
    pages, page = page_window(count, filters.page, page_size)
    attempts = session.exec(query.offset((page - 1) * page_size).limit(page_size)).all()
    return Page([attempt_result(session, attempt) for attempt in attempts], page, pages, count)


def _in_band(total, band: str):
    """The attempt is finished and ``total`` gets ``band`` from ``band_for``: it reaches the band's threshold and
    no earlier band's."""
    index = BAND_NAMES.index(band)
    return and_(Attempt.state == AttemptState.FINISHED, total >= BANDS[index][0],
                *(total < threshold for threshold, _ in BANDS[:index]))


def _conditions(session: Session, filters: Filters) -> list:
    conditions = []
    if filters.screen is not None:
        conditions.append(Invite.screen_id == filters.screen)
    versions = None
    if filters.problem:
        versions = list(session.exec(select(ProblemVersion.id).where(ProblemVersion.problem_id == filters.problem)))
        screens = [s.id for s in session.exec(select(Screen)) if set(s.problems) & set(versions)]
        conditions.append(col(Invite.screen_id).in_(screens))
    if filters.verdict:
        finals = select(final_submits().subquery().c.final_id)
        final = select(Submission.id).where(Submission.attempt_id == Attempt.id, col(Submission.id).in_(finals),
                                            Submission.verdict == filters.verdict)
        if versions is not None:
            final = final.where(col(Submission.problem_version_id).in_(versions))
        conditions.append(exists(final))
    if filters.flagged:
        flagged = (select(SimilarityFlag.id)
                   .join(Submission, or_(Submission.id == SimilarityFlag.submission_a,
                                         Submission.id == SimilarityFlag.submission_b))
                   .where(Submission.attempt_id == Attempt.id))
        conditions.append(exists(flagged))
    if filters.reviewed:
        reviewed = exists(select(Scorecard.id).where(Scorecard.attempt_id == Attempt.id,
                                                     Scorecard.submitted_at.is_not(None)))
        conditions.append(reviewed if filters.reviewed == "yes" else ~reviewed)
    return conditions
