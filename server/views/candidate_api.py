"""The candidate's JSON API: autosave, lint, run, submit, progress (SSE), events.

Every state-changing request carries the CSRF token (header ``X-CSRFToken``)
and is refused after the deadline. Responses go through
``candidate_view``, so hidden tests' data never reaches the browser.
"""

import json
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, request
from sqlmodel import Session, select

from server.db import engine_of, get_db
from server.errors import SubmissionRejected
from server.json_body import json_object
from server.judge.judge import validate_code
from server.models import EVENT_KINDS, Draft, ProblemVersion, Submission, SubmissionStatus, utcnow
from server.policy import check_policy
from server.security import limiter
from server.services import attempts
from server.services.candidate_view import submission_view
from server.services.judge_queue import code_hash
from server.services.problem_store import load_version

bp = Blueprint("candidate_api", __name__, url_prefix="/api/candidate/<token>")

MAX_NOTES = 32 * 1024
SSE_HEARTBEAT_SECONDS = 15.0


class BadRequest(Exception):
    """A malformed request; the message says which field and why."""


@bp.errorhandler(attempts.InviteError)
def invite_error(error):
    status = 404 if isinstance(error, attempts.InviteNotFound) else 409
    return jsonify(error=type(error).__name__, message=str(error)), status


@bp.errorhandler(BadRequest)
@bp.errorhandler(SubmissionRejected)
def bad_request(error):
    return jsonify(error="bad_request", message=str(error)), 400


def _context(token, version_id):
    session = get_db()
    _, attempt, screen = attempts.invite_for(session, token)
    version = attempts.problem_in_screen(session, screen, version_id)
    return session, attempt, version


def _body() -> dict:
    return json_object()  # a 400 saying what is wrong and where (server.json_body)


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
def save_draft(token, version_id):
    session, attempt, version = _context(token, version_id)
    attempts.require_open(attempt)
    code, notes = _code_and_notes(_body())
    last = session.exec(select(Draft).where(Draft.attempt_id == attempt.id, Draft.problem_version_id == version.id)
                        .order_by(Draft.id.desc())).first()
    if last is None or (last.code, last.notes) != (code, notes):
        session.add(Draft(attempt_id=attempt.id, problem_version_id=version.id, code=code, notes=notes))
        session.commit()
    return jsonify(saved_at=utcnow().isoformat(), seconds_left=attempts.seconds_left(attempt))


@bp.route("/problems/<int:version_id>/lint", methods=("POST",))
def lint(token, version_id):
    _, _, version = _context(token, version_id)
    code, _ = _code_and_notes(_body())
    package = load_version(get_db(), version, Path(current_app.instance_path))
    violations = check_policy(code, package.spec.imports.allowed)
    return jsonify(violations=[violation.as_json() for violation in violations])


@bp.route("/problems/<int:version_id>/<any(run, submit):kind>", methods=("POST",))
@limiter.limit(lambda: f"{current_app.config['SUBMISSIONS_PER_MINUTE']} per minute",
               key_func=lambda: request.view_args["token"])
def judge(token, version_id, kind):
    session, attempt, version = _context(token, version_id)
    attempts.require_open(attempt)
    code, notes = _code_and_notes(_body())
    digest = code_hash(kind, version.id, code, notes if kind == "submit" else "")
    same = session.exec(select(Submission).where(Submission.attempt_id == attempt.id, Submission.code_hash == digest,
                                                 Submission.status != SubmissionStatus.ERROR)).first()
    if same is not None:
        return jsonify(id=same.id, repeated=True), 200
    submission = Submission(attempt_id=attempt.id, problem_version_id=version.id, kind=kind, code=code,
                            notes=notes, code_hash=digest)
    session.add(submission)
    session.commit()
    attempts.record_event(session, attempt, kind, version.id, {"submission": submission.id})
    current_app.extensions["techscreen.judge"].enqueue(submission.id)
    return jsonify(id=submission.id, repeated=False), 202


def _own_submission(token, submission_id):
    session = get_db()
    _, attempt, _ = attempts.invite_for(session, token)
    submission = session.get(Submission, submission_id)
    if submission is None or submission.attempt_id != attempt.id:
        raise attempts.InviteNotFound("No such submission in this attempt.")
    return session, submission


@bp.route("/submissions/<int:submission_id>")
def submission(token, submission_id):
    session, found = _own_submission(token, submission_id)
    package = load_version(session, session.get(ProblemVersion, found.problem_version_id),
                           Path(current_app.instance_path))
    return jsonify(submission_view(found, package))


@bp.route("/submissions/<int:submission_id>/progress")
def progress(token, submission_id):
    """Server-Sent Events: progress until the submission is done; a reconnect picks up where it is."""
    _own_submission(token, submission_id)
    queue = current_app.extensions["techscreen.judge"]
    engine = engine_of(current_app)

    def stream():
        last = None
        while True:
            current = queue.progress(submission_id)
            state = _state(engine, submission_id)
            if state in (SubmissionStatus.DONE, SubmissionStatus.ERROR):
                yield _event("progress", {"phase": state.value, "fraction": 1.0, "message": "finished"})
                return
            if current != last or current is None:
                yield _event("progress", current.as_json() if current else
                             {"phase": state.value, "fraction": 0.0, "message": "Waiting for a judge"})
                last = current
            else:
                yield ": heartbeat\n\n"
            queue.wait_for_change(submission_id, last, SSE_HEARTBEAT_SECONDS)

    return Response(stream(), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _state(engine, submission_id) -> SubmissionStatus:
    with Session(engine) as session:
        return session.get(Submission, submission_id).status


def _event(name: str, data: dict) -> str:
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"


@bp.route("/events", methods=("POST",))
def event(token):
    session = get_db()
    _, attempt, screen = attempts.invite_for(session, token)
    body = _body()
    kind = body.get("kind")
    if kind not in EVENT_KINDS or kind in ("started", "finished", "run", "submit"):
        raise BadRequest(f"unknown event kind {kind!r}")
    version_id = body.get("problem")
    if version_id is not None:
        attempts.problem_in_screen(session, screen, version_id)
    detail = {key: body[key] for key in ("chars", "lines") if isinstance(body.get(key), int)}
    attempts.record_event(session, attempt, kind, version_id, detail)
    return jsonify(recorded=True), 201
