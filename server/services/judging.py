"""Judging one submission, start to saved report: the one orchestrator both judge queues call.

The in-process queue (``judge_queue``) and the cluster's Celery task
(``server.cluster.tasks``) differ only in how a job reaches a judge; what a
judge does with it is here. It claims the row (``leases``: one judge per job,
one running job per attempt), keeps the lease alive while the sandbox works,
posts progress to the board, and saves the report only while it still holds
the row, so a job judged again after its judge vanished is saved once.
Scoring stays pure (``server.scoring``); this module is where its result meets
the database.
"""

import dataclasses
import enum
import hashlib
import json
import logging
from pathlib import Path

from sqlmodel import Session

from sandbox import JobSession
from sandbox.errors import EngineUnavailable, SandboxError
from server.errors import TechscreenError
from server.judge.judge import judge
from server.models import ProblemVersion, Submission, SubmissionStatus, utcnow
from server.review.flagging import flag_submission
from server.scoring.assess import assess
from server.services import integration_events, leases
from server.services.custom_input import custom_case
from server.services.problem_store import load_version
from server.services.progress_board import Progress, count_poster

log = logging.getLogger(__name__)
# A test's actual value, and a generated case's expected value, are kept in the report up to this much JSON:
# enough for the pages and their diffs (which show the first few thousand characters), without a huge output
# (a problem may allow megabytes per test) swelling every saved report.
MAX_KEPT_JSON = 32 * 1024
DELAYED = ("Judging is delayed: the judge is unavailable. Your submission is kept and will be judged "
           "automatically; there is no need to submit again.")


class Outcome(enum.Enum):
    """What became of a job handed to ``judge_submission``."""

    SAVED = "saved"  # judged (or failed for good) and saved
    NOT_CLAIMED = "not_claimed"  # already judged, held by another judge, or its attempt has a job running
    LOST = "lost"  # judged, but the lease lapsed meanwhile and the row went to another judge: nothing saved


@dataclasses.dataclass(frozen=True)
class JudgeContext:
    """What a judge needs: the database, a folder for materialised packages, the progress board, and
    optionally a Docker client factory (tests point it at a proxy) and the lease length."""

    engine: object
    instance: Path
    board: object
    client_factory: object = None
    lease_seconds: float = leases.LEASE_SECONDS


def code_hash(kind: str, version_id: int, code: str, notes: str) -> str:
    """Same code and notes for the same problem and kind: the same hash, judged once. Each part is length-prefixed,
    so no two different sets of parts read alike (version 1 and code "0x", version 10 and code "x")."""
    digest = hashlib.sha256()
    for part in (kind, str(version_id), code, notes):
        data = part.encode("utf-8", "surrogatepass")
        digest.update(b"%d:%b" % (len(data), data))
    return digest.hexdigest()


def judge_submission(context: JudgeContext, submission_id: int) -> Outcome:
    """Claim, judge and save one submission.

    Raises:
        EngineUnavailable: The engine could not finish the job; the row is queued again, nothing saved.
    """
    holder = leases.new_holder()
    if not leases.claim(context.engine, Submission, submission_id, holder, context.lease_seconds):
        return Outcome.NOT_CLAIMED
    with leases.beating(context.engine, Submission, submission_id, holder, context.lease_seconds):
        try:
            report, details = _judge(context, submission_id, holder)
        except EngineUnavailable:
            leases.release(context.engine, Submission, submission_id, holder)
            context.board.post(submission_id, Progress("delayed", 0.0, DELAYED))
            raise
        except (TechscreenError, SandboxError) as error:
            return _fail(context, submission_id, holder, str(error))
        except Exception as error:  # a judge must survive anything a judge run raises, and say so
            log.exception("judging submission %s failed", submission_id)
            return _fail(context, submission_id, holder, f"internal error: {type(error).__name__}: {error}")
        return _save(context, submission_id, holder, report, details)


def _judge(context: JudgeContext, submission_id: int, holder: str):
    """The report, and its tests' details for staff (``case_details``), worked out once for both saves."""
    with Session(context.engine, expire_on_commit=False) as session:
        submission = session.get(Submission, submission_id)
        package = load_version(session, session.get(ProblemVersion, submission.problem_version_id),
                               context.instance)
    post = context.board.post
    client = context.client_factory() if context.client_factory else None
    try:
        with JobSession(client=client) as sandbox_session:  # the measurement runs in the tests' container
            cases = package.public_cases if submission.kind == "run" else None
            if submission.custom_input is not None:  # checked when the Run was asked for: the same package reads it
                cases = (custom_case(submission.custom_input, package),)
            count = len(cases if cases is not None else package.cases)
            post(submission_id, Progress("tests", 0.1, f"Running {count} tests in the sandbox"))
            report = judge(package, submission.code, cases=cases, client=client, session=sandbox_session,
                           on_result=count_poster(context.board, submission_id, count))
            details = case_details(report)
            if submission.kind == "submit":
                _save_tests(context, submission_id, holder, report, details)
                post(submission_id, Progress("complexity", 0.6, "Measuring time complexity and scoring"))
                report = dataclasses.replace(report, assessment=assess(package, submission.code, report,
                                                                        submission.notes, client=client,
                                                                        session=sandbox_session))
    finally:
        if client is not None:
            client.close()
    return report, details


def _save(context: JudgeContext, submission_id: int, holder: str, report, details: dict) -> Outcome:
    with Session(context.engine) as session:
        submission = leases.holds(session, Submission, submission_id, holder)
        if submission is None:
            log.warning("submission %s was judged again elsewhere after this judge's lease lapsed; "
                        "this result is dropped", submission_id)
            return Outcome.LOST
        document = _write_report(submission, report, details)
        submission.status, submission.finished_at = SubmissionStatus.DONE, utcnow()
        session.add(submission)
        integration_events.submission_judged(session, submission)
        session.commit()
        log.info("judged submission %s: %s", submission_id, document["verdict"])
        if submission.kind == "submit":
            _flag_similar(session, submission_id, context.instance)
    context.board.post(submission_id, Progress("done", 1.0, f"Verdict: {document['verdict']}"))
    return Outcome.SAVED


def _save_tests(context: JudgeContext, submission_id: int, holder: str, report, details: dict) -> None:
    """A submit's test results, saved while its complexity is measured: the candidate sees the verdict now, and
    the score follows (the row stays running until the whole report is saved)."""
    with Session(context.engine) as session:
        submission = leases.holds(session, Submission, submission_id, holder)
        if submission is None:
            return
        _write_report(submission, report, details)
        session.add(submission)
        session.commit()


def _write_report(submission: Submission, report, details: dict) -> dict:
    """The report with ``details`` and the columns read from it onto the row; returns the report's JSON."""
    document = report.as_json()
    submission.report = {**document, "details": details}
    submission.verdict, submission.passed, submission.total = document["verdict"], report.passed, report.total
    if document.get("score"):
        submission.score, submission.band = document["score"]["total"], document["score"]["band"]
    return document


def _flag_similar(session: Session, submission_id: int, instance: Path) -> None:
    """Similarity flags for a judged submit; a failure here is logged and never touches the verdict."""
    try:
        flag_submission(session, submission_id, instance)
    except Exception:  # flags are advisory: the saved verdict must survive whatever goes wrong here
        session.rollback()
        log.exception("similarity flagging of submission %s failed", submission_id)


def _fail(context: JudgeContext, submission_id: int, holder: str, message: str) -> Outcome:
    with Session(context.engine) as session:
        submission = leases.holds(session, Submission, submission_id, holder)
        if submission is None:
            return Outcome.LOST
        submission.status, submission.error, submission.finished_at = SubmissionStatus.ERROR, message, utcnow()
        session.add(submission)
        session.commit()
    context.board.post(submission_id, Progress("error", 1.0, message))
    return Outcome.SAVED


def case_details(report) -> dict:
    """Each test's actual value, the exception it raised, stdout, stderr and the reference's expected value, by
    test name (staff only; filtered for candidates)."""
    return {test.name: {**_kept("actual", test.actual), "stdout": test.stdout, "stderr": test.stderr,
                        "message": test.message, **({"raised": test.raised.as_json()} if test.raised else {}),
                        **(_kept("expected", test.reference.value) if test.reference else {})}
            for test in report.tests}


def _kept(key: str, value) -> dict:
    """``{key: value}`` when its JSON is small; else ``{key_omitted_chars: size}``, so the pages can say why."""
    size = len(json.dumps(value, allow_nan=True, default=repr))
    return {key: value} if size <= MAX_KEPT_JSON else {f"{key}_omitted_chars": size}
