"""Similarity flags: a final submit compared with the final submits of every other attempt at the same problem.

Runs when a submit finishes judging. Only each attempt's final submit (its
last judged one, as ``results`` scores it) counts; when a newer submit
supersedes it, the older one's flags go and the newer one is compared
afresh. Starter and reference code of every version involved are ``given``:
what everybody was handed never counts as a match.

``THRESHOLD`` = 0.6 of the smaller submission's fingerprints shared. On the
bank's known accepted solutions, independent pairs written differently score
at most 0.30 (ring buffer vs numpy ring buffer on moving-average) and mostly
under 0.12; renamed and reformatted copies score 0.8 and more
(tests/unit/test_similarity.py), and one-line edits of a copy 0.7 to 0.9.
"""

from pathlib import Path

from sqlmodel import Session, col, delete, or_, select

from server.models import ProblemVersion, SimilarityFlag, Submission
from server.review.similarity import Match, compare
from server.services.problem_store import load_version
from server.services.results import final_submit_ids

THRESHOLD = 0.6


def given_code(session: Session, version_ids: set[int], instance: Path) -> tuple[str, ...]:
    """Starter and reference code of each version: never a match."""
    given = []
    for version_id in sorted(version_ids):
        package = load_version(session, session.get(ProblemVersion, version_id), instance)
        given += [package.starter, package.solution]
    return tuple(given)


def flag_submission(session: Session, submission_id: int, instance: Path) -> list[SimilarityFlag]:
    """Replace the flags of ``submission_id``'s attempt on its problem with fresh ones; returns the new flags.

    Does nothing when the submission is not its attempt's final submit (a newer one was judged first).
    """
    submission = session.get(Submission, submission_id)
    problem_id = session.get(ProblemVersion, submission.problem_version_id).problem_id
    versions = list(session.exec(select(ProblemVersion.id).where(ProblemVersion.problem_id == problem_id)))
    finals = {attempt: final for (attempt, _), final  # a screen pins one version per problem
              in final_submit_ids(session, col(Submission.problem_version_id).in_(versions)).items()}
    if finals.get(submission.attempt_id) != submission.id:
        return []
    mine = list(session.exec(select(Submission.id).where(Submission.attempt_id == submission.attempt_id,
                                                         col(Submission.problem_version_id).in_(versions))))
    session.exec(delete(SimilarityFlag).where(or_(col(SimilarityFlag.submission_a).in_(mine),
                                                  col(SimilarityFlag.submission_b).in_(mine))))
    other_ids = [other for attempt, other in finals.items() if attempt != submission.attempt_id]
    others = session.exec(select(Submission.id, Submission.code, Submission.problem_version_id)
                          .where(col(Submission.id).in_(other_ids))).all() if other_ids else []
    given = given_code(session, {submission.problem_version_id, *(version for _, _, version in others)}, instance)
    flags = []
    for other_id, other_code, _ in others:
        match = compare(submission.code, other_code, given)
        low, high = sorted((submission.id, other_id))
        if match.similarity >= THRESHOLD and not _flagged(session, low, high):  # two judges may finish together
            flags.append(SimilarityFlag(problem_id=problem_id, submission_a=low, submission_b=high,
                                        similarity=round(match.similarity, 3)))
    session.add_all(flags)
    session.commit()
    return flags


def _flagged(session: Session, low: int, high: int) -> bool:
    return session.exec(select(SimilarityFlag.id).where(SimilarityFlag.submission_a == low,
                                                        SimilarityFlag.submission_b == high)).first() is not None


def flag_match(session: Session, flag: SimilarityFlag, instance: Path) -> tuple[Submission, Submission, Match]:
    """The two submissions of ``flag`` and where they match (recomputed: regions are not stored)."""
    a, b = session.get(Submission, flag.submission_a), session.get(Submission, flag.submission_b)
    return a, b, compare(a.code, b.code, given_code(session, {a.problem_version_id, b.problem_version_id}, instance))
