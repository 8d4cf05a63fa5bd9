"""The candidate's JSON API: autosave, lint, run, submit, progress (SSE or polled), events.

Every state-changing request carries the CSRF token (header ``X-CSRFToken``)
and is refused after the deadline; every request from a staff session is
refused. Autosaves, runs, submits and events are rate-limited per attempt
(429 with ``retry_after``). Responses go through ``candidate_view``, so
hidden tests' data never reaches the browser.
"""

import re
from pathlib import Path

from flask import Blueprint, Response, current_app, g, jsonify, request
from sqlalchemy import func
from sqlmodel import select

from server import rate_limits
from server.db import engine_of, get_db
from server.errors import SubmissionRejected
from server.json_body import json_object
from server.judge.judge import validate_code
from server.models import BROWSER_EVENT_KINDS, Event, ProblemVersion, Submission, SubmissionStatus, utcnow
from server.policy import check_policy
from server.services import attempts, progress_stream
from server.services.answers import AnswerRejected, save_answer
from server.services.candidate_view import progress_view, submission_view
from server.services.custom_input import MAX_INPUT, CustomInputError, custom_case
from server.services.drafts import save_draft
from server.services.judging import code_hash
from server.services.problem_store import load_question, load_version
from server.services.results import record_fluency
from server.views.auth import STAFF_AS_CANDIDATE

bp = Blueprint("candidate_api", __name__, url_prefix="/api/candidate/<token>")

MAX_NOTES = 32 * 1024
STREAM_RETRY_SECONDS = 10  # Retry-After of a refused progress stream; the browser polls meanwhile
PAGE_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")  # the id a workspace page draws for itself when it loads


def _attempt_key() -> str:
    return request.view_args["token"]


def _attempt_problem_key() -> str:
    return f"{request.view_args['token']}/{request.view_args['version_id']}"


class BadRequest(Exception):
    """A malformed request; the message says which field and why."""


@bp.before_request
def refuse_staff_session():
    if g.user is not None:
        return jsonify(error="staff_session", message=STAFF_AS_CANDIDATE), 403
    return None


@bp.errorhandler(attempts.InviteError)
def invite_error(error):
    status = 404 if isinstance(error, attempts.InviteNotFound) else 409
    return jsonify(error=type(error).__name__, message=str(error)), status


@bp.errorhandler(BadRequest)
@bp.errorhandler(AnswerRejected)
@bp.errorhandler(SubmissionRejected)
def bad_request(error):
    return jsonify(error="bad_request", message=str(error)), 400


@bp.errorhandler(429)
def too_many_requests(error):
    """JSON, never the HTML page: what the limit is and how many seconds to wait (as the Retry-After header)."""
    limit = rate_limits.current_limit()  # only the limiter answers 429 here, and it records the limit it hit
    wait = rate_limits.retry_after_seconds(limit)
    rate = f"{limit.limit.amount} requests in {limit.limit.get_expiry()} s"
    return jsonify(error="too_many_requests", retry_after=wait,
                   message=f"Too many requests: at most {rate}. Try again in {wait} s."), 429


@bp.errorhandler(progress_stream.StreamRefused)
def stream_refused(error):
    return (jsonify(error="too_many_streams", retry_after=STREAM_RETRY_SECONDS,
                    message=f"{error} Poll the status address for progress instead.",
                    poll=request.path.rsplit("/", 1)[0] + "/status"),
            error.status, {"Retry-After": str(STREAM_RETRY_SECONDS)})


def _context(token, version_id, kind: str = "coding"):
    """The session, attempt and version of a request about one of the screen's items, of ``kind``."""
    session = get_db()
    _, attempt, screen = attempts.invite_for(session, token)
    version = attempts.problem_in_screen(session, screen, version_id)
    _require_kind(version.kind, kind)
    return session, attempt, version


def _require_kind(found: str, wanted: str) -> None:
    if found != wanted:
        raise BadRequest("that is a question item: answer it, there is no code to save or judge"
                         if found == "question" else "that is a coding problem: save it as a draft")


def _text(body: dict, key: str, limit: int) -> str:
    value = body.get(key, "")
    if not isinstance(value, str):
        raise BadRequest(f"{key!r} must be a string")
    if len(value) > limit:
        raise BadRequest(f"{key!r} is longer than {limit // 1024} KiB")
    return value


def _code_and_notes(body: dict) -> tuple[str, str]:
    code = _text(body, "code", 10 ** 6)
    validate_code(code)
    return code, _text(body, "notes", MAX_NOTES)


@bp.route("/problems/<int:version_id>/draft", methods=("POST",))
@rate_limits.limit(lambda: current_app.config["DRAFT_RATE_LIMIT"], key_func=_attempt_problem_key)
def draft(token, version_id):
    session = get_db()
    _, attempt, screen = attempts.invite_for(session, token)
    _require_kind(attempts.item_kind(session, screen, version_id), "coding")  # autosaves are many: not the row
    attempts.require_open(attempt)
    code, notes = _code_and_notes(json_object())
    save_draft(session, attempt, version_id, code, notes, current_app.config["DRAFT_HISTORY_BYTES"])
    return jsonify(saved_at=utcnow().isoformat(), seconds_left=attempts.seconds_left(attempt))


@bp.route("/questions/<int:version_id>/answer", methods=("POST",))
@rate_limits.limit(lambda: current_app.config["DRAFT_RATE_LIMIT"], key_func=_attempt_problem_key)
def answer(token, version_id):
    """Autosave of a question item's answer: ``choices`` (option numbers as the page gave them) or ``text``.
    The answer is not marked here: a candidate learns nothing of its score."""
    session, attempt, version = _context(token, version_id, "question")
    attempts.require_open(attempt)
    body = json_object()
    save_answer(session, attempt, version.id, load_question(session, version), body.get("choices", []),
                body.get("text", ""))
    record_fluency(session, attempt)
    return jsonify(saved_at=utcnow().isoformat(), seconds_left=attempts.seconds_left(attempt))


@bp.route("/problems/<int:version_id>/lint", methods=("POST",))
def lint(token, version_id):
    _, _, version = _context(token, version_id)
    code, _ = _code_and_notes(json_object())
    package = load_version(get_db(), version, Path(current_app.instance_path))
    violations = check_policy(code, package.spec.imports.allowed)
    return jsonify(violations=[violation.as_json() for violation in violations])


@bp.route("/problems/<int:version_id>/<any(run, submit):kind>", methods=("POST",))
@rate_limits.limit(lambda: f"{current_app.config['SUBMISSIONS_PER_MINUTE']} per minute", key_func=_attempt_key)
def judge(token, version_id, kind):
    session, attempt, version = _context(token, version_id)
    attempts.require_open(attempt)
    body = json_object()
    code, notes = _code_and_notes(body)
    own_input = _own_input(body, version) if kind == "run" else None
    digest = code_hash(kind if own_input is None else "run on own input", version.id, code,
                       notes if kind == "submit" else own_input or "")
    same = session.exec(select(Submission).where(Submission.attempt_id == attempt.id, Submission.code_hash == digest,
                                                 Submission.problem_version_id == version.id,
                                                 Submission.status != SubmissionStatus.ERROR).limit(1)).first()
    if same is not None:
        return jsonify(id=same.id, repeated=True), 200
    submission = Submission(attempt_id=attempt.id, problem_version_id=version.id, kind=kind, code=code,
                            notes=notes, code_hash=digest, custom_input=own_input)
    session.add(submission)
    session.commit()
    attempts.record_event(session, attempt, kind, version.id, {"submission": submission.id})
    current_app.extensions["techscreen.judge"].enqueue(submission.id, attempt.id, kind)
    return jsonify(id=submission.id, repeated=False), 202


def _own_input(body: dict, version: ProblemVersion) -> str | None:
    """The Run's own input (``input``, checked now so a bad one is refused with why), or None: the public tests."""
    if body.get("input") is None:
        return None
    text = _text(body, "input", MAX_INPUT)
    try:
        custom_case(text, load_version(get_db(), version, Path(current_app.instance_path)))
    except CustomInputError as error:
        raise BadRequest(f"Your input cannot be run: {error}.") from None
    return text


def _own_submission(token, submission_id) -> tuple:
    """The session, the attempt, its submission ``submission_id`` (404 for another attempt's) and the screen."""
    session = get_db()
    _, attempt, screen = attempts.invite_for(session, token)
    submission = session.get(Submission, submission_id)
    if submission is None or submission.attempt_id != attempt.id:
        raise attempts.InviteNotFound("No such submission in this attempt.")
    return session, attempt, submission, screen


@bp.route("/submissions/<int:submission_id>")
def submission(token, submission_id):
    session, _, found, screen = _own_submission(token, submission_id)
    package = load_version(session, session.get(ProblemVersion, found.problem_version_id),
                           Path(current_app.instance_path))
    return jsonify(submission_view(found, package, screen.candidate_feedback))


@bp.route("/submissions/<int:submission_id>/status")
def status(token, submission_id):
    """Progress now, without waiting: what a browser refused a stream polls."""
    _, _, found, _ = _own_submission(token, submission_id)
    board = current_app.extensions["techscreen.progress"]
    return jsonify(progress_view(board.get(submission_id), found.status, found.kind))


@bp.route("/submissions/<int:submission_id>/progress")
def progress(token, submission_id):
    """Server-Sent Events: progress until the submission is done or the stream's short lifetime ends (the
    browser reconnects and picks up where it is); over the stream caps a JSON 429 or 503 instead."""
    _, attempt, found, _ = _own_submission(token, submission_id)
    config = current_app.config
    release = current_app.extensions["techscreen.progress_streams"].take(
        attempt.id, config["PROGRESS_STREAMS_PER_ATTEMPT"], progress_stream.total_cap(config))
    response = Response(progress_stream.events(current_app.extensions["techscreen.progress"], engine_of(current_app),
                                               submission_id, found.kind, config["PROGRESS_STREAM_SECONDS"]),
                        mimetype="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    response.call_on_close(release)
    return response


@bp.route("/events", methods=("POST",))
@rate_limits.limit(lambda: current_app.config["EVENT_RATE_LIMIT"], key_func=_attempt_key)
def event(token):
    """A paste, a focus change, or a page opened or left, while the attempt is open; at most
    ``EVENTS_PER_ATTEMPT`` are kept."""
    session = get_db()
    _, attempt, screen = attempts.invite_for(session, token)
    attempts.require_open(attempt)
    body = json_object()
    kind = body.get("kind")
    if kind not in BROWSER_EVENT_KINDS:
        raise BadRequest(f"unknown event kind {kind!r}")
    version_id = body.get("problem")
    if version_id is not None:
        attempts.problem_in_screen(session, screen, version_id)
    detail = _event_detail(body)
    most = current_app.config["EVENTS_PER_ATTEMPT"]
    if session.exec(select(func.count()).select_from(Event).where(Event.attempt_id == attempt.id)).one() >= most:
        return jsonify(error="too_many_events", message=f"This attempt has recorded its maximum of {most} events."), 429
    attempts.record_event(session, attempt, kind, version_id, detail)
    return jsonify(recorded=True), 201


def _event_detail(body: dict) -> dict:
    """What an event keeps besides its kind: a paste's size, the page that sent it and, for a page opened,
    whether it had focus (``review.integrity`` follows focus from page to page). Anything else is dropped."""
    detail = {key: body[key] for key in ("chars", "lines") if isinstance(body.get(key), int)}
    if isinstance(body.get("page"), str) and PAGE_ID.fullmatch(body["page"]):
        detail["page"] = body["page"]
    if isinstance(body.get("focused"), bool):
        detail["focused"] = body["focused"]
    return detail
